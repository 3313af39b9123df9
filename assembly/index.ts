// The core's WebAssembly kernels, one module (`npm run wasm`); each instance gets a memory of its own.
export { boundary, twoSided } from './imageEdt';
export { countCodes, takeCounts } from './codeHistogram';
export { binaryMaps } from './binaryMaps';
export { binaryLabels, scaleU16 } from './decode';
