// WebAssembly is a global of every runtime the core runs in, but TypeScript declares it only in lib.dom,
// which the core's and the Node side's own checks leave out (tsconfig.core.json, tsconfig.node.json).
// Declared here with just what the core uses.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}
