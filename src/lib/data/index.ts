/**
 * The data layer, browser-safe: 2-D toy sets, MNIST digits and user CSV files, each turned into
 * a `Split` (engine/dataset.ts) the trainer can use. Node-only loading lives in mnist-node.ts and
 * is deliberately NOT re-exported here, so importing this module never pulls `node:fs` into a bundle.
 */
export { PLANE_EXTENT, grid } from './plane';
export {
  TWO_D_SETS,
  TWO_D_DEFAULTS,
  makeTwoD,
  isTwoDName,
  type TwoDName,
  type TwoDOptions,
  type TwoDSplit
} from './two-d';
export {
  MNIST_MAGIC,
  MNIST_VERSION,
  MNIST_HEADER_BYTES,
  MnistFormatError,
  parseMnist,
  mnistSplit,
  downsample2x2,
  type MnistSet,
  type MnistSplit,
  type MnistSplitOptions
} from './mnist';
export { loadMnistFetch } from './mnist-fetch';
export {
  MAX_CSV_CHARS,
  MAX_CSV_ROWS,
  MAX_CSV_FEATURES,
  MAX_CSV_CLASSES,
  MAX_CSV_ERRORS,
  parseCsv,
  csvSplit,
  type CsvData,
  type CsvError,
  type CsvErrorCode,
  type CsvOptions,
  type CsvResult,
  type CsvSplit,
  type CsvSplitOptions
} from './csv';
