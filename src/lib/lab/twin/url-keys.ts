import type { TwinConfig } from './config';

/**
 * Query key of each twin-run configuration field. Its own file (types only besides) so the page can tell a
 * twin-run link from another before any of the twin's code loads.
 */
export const TWIN_URL_KEYS = {
  preset: 'preset',
  data: 'data',
  trainSize: 'n',
  valSize: 'val',
  noise: 'noise',
  labelNoise: 'flip',
  width: 'width',
  depth: 'depth',
  activation: 'act',
  pInput: 'pin',
  pHidden: 'p',
  optimizer: 'opt',
  lr: 'lr',
  momentum: 'mom',
  batchSize: 'batch',
  epochs: 'epochs',
  seed: 'seed'
} as const satisfies Record<keyof TwinConfig, string>;
