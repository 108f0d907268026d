/** Optimisers and weight constraints: how parameters move once gradients are known. */
export { Optimizer } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, type AdamOptions } from './adam';
export { applyMaxNorm, applyMaxNormAll } from './max-norm';
