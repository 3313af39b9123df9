// The core's WebAssembly kernels, one module (`npm run wasm`); each instance gets a memory of its own.
export { twoSided } from './twoSidedEdt';
export { countCodes, takeCounts } from './codeHistogram';
