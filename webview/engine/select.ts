/**
 * Picks the engine for a pair: the GPU when WebGL2 with float32 targets runs on a hardware renderer and
 * the pair fits its textures. On a software renderer (SwiftShader) the same shaders run on the CPU,
 * about 8 times slower than the CPU engine at 1024² (`npm run bench -- webview`), so the CPU engine
 * computes there.
 */
import { initWebgl } from '../gpu/webgl';
import { GpuEngine } from '../gpu/gpuEngine';
import { CpuEngine } from './cpuEngine';
import type { ViewEngine } from './types';

export interface EngineChoice {
  engine: ViewEngine;
  /** Shown to the user when the CPU is used: why, and how to get the GPU back. */
  notice?: string;
}

const ACCELERATION = 'To use the GPU, check that VS Code has hardware acceleration (Help → Toggle Developer Tools, then chrome://gpu)';
const FIX = `${ACCELERATION}, or add "enable-unsafe-swiftshader": true to argv.json (command "Preferences: Configure Runtime Arguments") and restart VS Code.`;

export class Engines {
  private gpu?: GpuEngine;
  private readonly cpu = new CpuEngine();
  private current?: ViewEngine;

  async choose(width: number, height: number): Promise<EngineChoice> {
    const webgl = await initWebgl();
    let choice: EngineChoice;
    if (!webgl.ok) choice = { engine: this.cpu, notice: `Computing on the CPU: ${webgl.reason}. ${FIX}` };
    else if (width > webgl.maxTextureSize || height > webgl.maxTextureSize)
      choice = {
        engine: this.cpu,
        notice: `Computing on the CPU: the pair is ${width}×${height} pixels, larger than this GPU's maximum texture size (${webgl.maxTextureSize}).`,
      };
    else if (webgl.software)
      choice = { engine: this.cpu, notice: `Computing on the CPU: WebGL runs on a software renderer (${webgl.renderer}), slower than the CPU. ${ACCELERATION}.` };
    else choice = { engine: (this.gpu ??= new GpuEngine(webgl.backend, webgl.maxTextureSize)) };
    if (this.current && this.current !== choice.engine) this.current.dispose();
    this.current = choice.engine;
    return choice;
  }
}
