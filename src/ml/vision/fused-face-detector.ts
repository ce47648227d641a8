import type * as TfModule from '@tensorflow/tfjs';
import type { FaceApi, Tf } from '../backend.js';

/**
 * face-api's tiny face detector, run layer by layer with fused kernels.
 *
 * Why: face-api builds each layer from separate ops — conv2d, add bias, then leaky ReLU as
 * mul + sub + relu + add — inside one tf.tidy over the whole pass, so every intermediate lives
 * until the pass ends. On the WASM backend the first layer alone (222×222×16 floats, 3 MB per
 * tensor) held six such tensors at once, and the backend's WebAssembly heap, which never shrinks,
 * grew from 16 to 48 MB in each scoring worker. Here each layer is one fused convolution (bias
 * and leaky ReLU inside the kernel) and each intermediate is disposed as soon as the next layer
 * has read it. Same weights, same arithmetic up to float rounding (the tests compare the boxes).
 */

type Tensor4D = TfModule.Tensor4D;
type Tensor1D = TfModule.Tensor1D;

interface ConvParams {
  filters: Tensor4D;
  bias: Tensor1D;
}
interface SeparableConvParams {
  depthwise_filter: Tensor4D;
  pointwise_filter: Tensor4D;
  bias: Tensor1D;
}
interface TinyFaceDetectorParams {
  conv0: ConvParams | SeparableConvParams;
  conv1: SeparableConvParams;
  conv2: SeparableConvParams;
  conv3: SeparableConvParams;
  conv4: SeparableConvParams;
  conv5: SeparableConvParams;
  conv6?: SeparableConvParams;
  conv7?: SeparableConvParams;
  conv8: ConvParams;
}
interface NetInputLike {
  toBatchTensor(inputSize: number, isCenterInputs: boolean): TfModule.Tensor4D;
}
interface TinyFaceDetectorLike {
  params: TinyFaceDetectorParams | undefined;
  config: { meanRgb?: [number, number, number]; isFirstLayerConv2d?: boolean; withSeparableConvs?: boolean };
  forwardInput(input: NetInputLike, inputSize: number): Tensor4D;
  fusedForward?: boolean;
}

/** face-api's leaky ReLU: relu(x − 0.1·x) + 0.1·x, with 0.1 as a float32. */
const LEAKY_ALPHA = 0.1;

/**
 * The forward pass from a float32 [n, size, size, 3] batch of 0–255 pixels to the detector's raw
 * output grid, as face-api's TinyYolov2.runMobilenet computes it for the tiny face detector.
 */
export function tinyFaceDetectorForward(tf: Tf, params: TinyFaceDetectorParams, meanRgb: readonly [number, number, number], batch: Tensor4D): Tensor4D {
  // Each step's input is disposed once the step has produced its output (never the caller's batch).
  let x: Tensor4D = batch;
  const step = (next: Tensor4D): void => {
    if (x !== batch) x.dispose();
    x = next;
  };
  const mean = tf.tensor1d([...meanRgb]);
  const scale = tf.scalar(1 / 255);
  try {
    step(tf.sub(x, mean));
    step(tf.mul(x, scale));
    const conv0 = params.conv0;
    if ('filters' in conv0) {
      step(tf.fused.conv2d({ x, filter: conv0.filters, strides: 1, pad: 'valid', bias: conv0.bias, activation: 'leakyrelu', leakyreluAlpha: LEAKY_ALPHA }));
    } else {
      separable(conv0);
    }
    step(tf.maxPool(x, 2, 2, 'same'));
    for (const conv of [params.conv1, params.conv2, params.conv3, params.conv4]) {
      separable(conv);
      step(tf.maxPool(x, 2, 2, 'same'));
    }
    separable(params.conv5);
    step(tf.maxPool(x, 2, 1, 'same'));
    if (params.conv6) separable(params.conv6);
    if (params.conv7) separable(params.conv7);
    step(tf.fused.conv2d({ x, filter: params.conv8.filters, strides: 1, pad: 'valid', bias: params.conv8.bias }));
    const out = x;
    x = batch; // nothing left to dispose
    return out;
  } finally {
    if (x !== batch) x.dispose();
    tf.dispose([mean, scale]);
  }

  // face-api pads by one and runs a 'valid' separable convolution: the same as 'same' here (3×3, stride 1).
  function separable(p: SeparableConvParams): void {
    step(tf.depthwiseConv2d(x, p.depthwise_filter, 1, 'same'));
    step(tf.fused.conv2d({ x, filter: p.pointwise_filter, strides: 1, pad: 'valid', bias: p.bias, activation: 'leakyrelu', leakyreluAlpha: LEAKY_ALPHA }));
  }
}

/**
 * Makes face-api's tiny face detector use tinyFaceDetectorForward (once its weights are loaded).
 * The rest of face-api's detect — box decoding, score threshold, non-maximum suppression — is
 * unchanged.
 */
export function useFusedTinyFaceDetector(faceapi: FaceApi, tf: Tf): void {
  const net = faceapi.nets.tinyFaceDetector as unknown as TinyFaceDetectorLike;
  if (net.fusedForward) return;
  const { meanRgb, isFirstLayerConv2d, withSeparableConvs } = net.config;
  if (!meanRgb || !isFirstLayerConv2d || !withSeparableConvs) throw new Error('face-api tiny face detector: unexpected configuration');
  net.forwardInput = (input, inputSize) => {
    const params = net.params;
    if (!params) throw new Error('tiny face detector: load the model before inference');
    const batch = input.toBatchTensor(inputSize, false);
    const floats = batch.dtype === 'float32' ? batch : tf.cast(batch, 'float32');
    try {
      return tinyFaceDetectorForward(tf, params, meanRgb, floats);
    } finally {
      if (floats !== batch) floats.dispose();
      batch.dispose();
    }
  };
  net.fusedForward = true;
}
