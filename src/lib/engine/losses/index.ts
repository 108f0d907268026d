/** Loss functions: how wrong the network is, and which way to move its outputs. */
export type { Loss, ClassificationLoss } from './loss';
export { accuracy, isClassificationLoss } from './loss';
export { CrossEntropyLoss } from './cross-entropy';
export { BCEWithLogitsLoss, sigmoid } from './bce';
export { MSELoss } from './mse';
