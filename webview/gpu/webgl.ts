/**
 * TensorFlow.js on its WebGL backend, with only our own GPU programs: the backend is imported without
 * its kernel registrations (no tfjs op is used), which keeps the bundle small.
 */
import * as tf from '@tensorflow/tfjs-core';
// Registers the backend (and its flags); its kernels are not needed.
import '@tensorflow/tfjs-backend-webgl/dist/base';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl/dist/base';

export { tf };
export type { GPGPUProgram };

export interface WebglReady {
  ok: true;
  backend: MathBackendWebGL;
  maxTextureSize: number;
  /** The renderer's name (unmasked where the browser tells it), e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))". */
  renderer: string;
  /** A software renderer (SwiftShader, llvmpipe): WebGL runs on the CPU, slower than the CPU engine. */
  software: boolean;
}

export interface WebglMissing {
  ok: false;
  /** Why the GPU engine cannot run, for the notice the user sees. */
  reason: string;
}

const POOL_BYTES = 256 * 2 ** 20;

/** Renderers that rasterise on the CPU (Chromium's SwiftShader, Mesa's llvmpipe/softpipe, Windows' WARP). */
const SOFTWARE = /SwiftShader|llvmpipe|softpipe|Software Rasterizer|Microsoft Basic Render/i;

/** The renderer's name: unmasked through WEBGL_debug_renderer_info where offered (Chromium also unmasks RENDERER). */
function rendererOf(gl: WebGLRenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

let started: Promise<WebglReady | WebglMissing> | undefined;

/** Starts the WebGL2 backend once; float32 render targets are required (float16 sums break). */
export function initWebgl(): Promise<WebglReady | WebglMissing> {
  return (started ??= start());
}

async function start(): Promise<WebglReady | WebglMissing> {
  const env = tf.env();
  // Textures are pooled by shape; with many image sizes the pool would grow without end. Pool up to
  // this many bytes (small pairs reuse textures, which is most of their time), free beyond it.
  env.set('WEBGL_DELETE_TEXTURE_THRESHOLD', POOL_BYTES);
  try {
    if (!(await tf.setBackend('webgl'))) return { ok: false, reason: 'WebGL is not available' };
    await tf.ready();
  } catch (e) {
    return { ok: false, reason: `WebGL failed to start (${e instanceof Error ? e.message : String(e)})` };
  }
  if (env.getNumber('WEBGL_VERSION') < 2) return { ok: false, reason: 'WebGL2 is not available (only WebGL1)' };
  if (!env.getBool('WEBGL_RENDER_FLOAT32_ENABLED')) return { ok: false, reason: 'the GPU cannot render to float32 textures' };
  const backend = tf.backend() as MathBackendWebGL;
  const renderer = rendererOf(backend.gpgpu.gl);
  return { ok: true, backend, maxTextureSize: env.getNumber('WEBGL_MAX_TEXTURE_SIZE'), renderer, software: SOFTWARE.test(renderer) };
}

/** Runs one program; the result is a tensor tracked by the enclosing `tf.tidy`, if any. */
export function run(backend: MathBackendWebGL, program: GPGPUProgram, inputs: tf.Tensor[], uniforms: number[][] = []): tf.Tensor2D {
  const info = backend.compileAndRun(program, inputs, 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
}

/** A float32 [H,W] tensor from any typed array of H·W values. */
export function upload(values: ArrayLike<number>, height: number, width: number): tf.Tensor2D {
  return tf.tensor2d(values instanceof Float32Array ? values : Float32Array.from(values), [height, width], 'float32');
}

/** The values of a tensor, which is disposed (async readbacks cannot live in `tf.tidy`). */
export async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
