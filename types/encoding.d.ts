// The WHATWG Encoding API is a global of every runtime the core runs in (browsers, workers, Node), but
// TypeScript declares it only in lib.dom and @types/node, both of which the core's own check leaves out
// (tsconfig.core.json). Declared here with just what the core uses.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
