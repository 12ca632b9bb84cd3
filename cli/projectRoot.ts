/** Finds the scalecast package folder, from source (cli/) or from the build (dist/cli/). */
export { packageRoot as projectRoot } from '../src/core/packageRoot.js';
