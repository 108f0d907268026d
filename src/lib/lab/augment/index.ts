/**
 * Dropout and data augmentation: the same MLP on real digits trained four ways (neither, dropout,
 * random shifts, both) over several seeds, with the seeds' spread and a verdict in words. The
 * design is in experiment.ts; the worker serves session.ts; the CLI prints the same numbers.
 */
export {
  DEFAULT_CONFIG,
  VARIANTS,
  VARIANT_LABEL,
  augmentData,
  augmentExperiment,
  buildNetwork,
  checkConfig,
  summarise,
  totalEpochs,
  usesDropout,
  usesShifts,
  type AugmentConfig,
  type AugmentData,
  type ExperimentEvent,
  type RunSummary,
  type Variant
} from './experiment';
export { InputStage, drawShift, shiftImage } from './shift';
export { aggregate, meanCurve, spread, type Spread, type VariantStats } from './stats';
export { augmentVerdict, compareSpread, type AugmentVerdict, type Order } from './verdict';
export { AUGMENT_CSV_COLUMNS, csvRow, runsToCsv } from './csv';
export { AugmentSession, type AugmentHost } from './session';
export type { AugmentReply, AugmentRequest } from './protocol';
