/** The layers of the engine, one module per file, as in `torch.nn`. */
export { Linear, type LinearOptions } from './linear';
export { ReLU } from './relu';
export { Tanh } from './tanh';
export { Sigmoid } from './sigmoid';
export { Identity } from './identity';
export { Sequential } from './sequential';
export { Dropout, DROPOUT_SEED, type DropoutMode, type DropoutOptions, type ForceMaskOptions } from './dropout';
export { Dropout2d, DROPOUT2D_SEED } from './dropout2d';
export { GaussianDropout, GAUSSIAN_DROPOUT_SEED } from './gaussian-dropout';
export { seedDropout, isDropout } from './seed-dropout';
export { fastTanh, fastSigmoid } from './fast-math';
export { NO_GRADIENT } from './buffers';
export { Conv2d, type Conv2dOptions } from './conv2d';
export { MaxPool2d } from './maxpool2d';
export { Flatten } from './flatten';
export { im2col, col2im, convOutSize, type ConvGeometry } from './im2col';
