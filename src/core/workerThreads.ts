/**
 * Starting worker threads the same way everywhere, whether the package runs from its TypeScript
 * sources (tests, `npm run scalecast`, tsx) or from the compiled `dist` JavaScript.
 *
 * - {@link workerScriptUrl}: the worker script next to the calling module — `./name.ts` when the
 *   caller is itself a `.ts` source, `./name.js` when it is compiled.
 * - {@link startWorker}: a compiled script is started as it is; a `.ts` source is started from a
 *   small evaluated bootstrap that registers tsx's ESM loader first and then imports it, since a
 *   worker thread does not inherit the loader its parent was started with (vitest's, for one). The
 *   worker keeps Node's defaults otherwise (it inherits the parent's `execArgv`, env and resource
 *   limits).
 * - {@link runWorker}: a one-shot worker — start it, take its first message as the result.
 * - {@link defaultThreads}: the default number of threads, the CPUs but at most 8.
 *
 * @example
 * // in src/fit/bootstrapFit.ts, next to bootstrapWorker.ts
 * const part = await runWorker<Float64Array>(workerScriptUrl(import.meta.url, 'bootstrapWorker'), job, 'bootstrap worker');
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

/** The default number of worker threads: the CPUs, at most 8. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(cpus().length, 8));
}

/**
 * The worker script `name` next to the module at `moduleUrl` (pass `import.meta.url`): the
 * TypeScript source when that module is a `.ts` file, the compiled JavaScript otherwise.
 *
 * @param name - file name without extension, e.g. `'clusterWorker'`
 * @example workerScriptUrl('file:///p/src/cluster/clusterPool.ts', 'clusterWorker').href; // file:///p/src/cluster/clusterWorker.ts
 */
export function workerScriptUrl(moduleUrl: string | URL, name: string): URL {
  const here = new URL(moduleUrl);
  return new URL(`./${name}${here.pathname.endsWith('.ts') ? '.ts' : '.js'}`, here);
}

/**
 * Starts the worker script at `url` with `workerData`. A `.ts` script registers tsx's loader
 * (`tsx/esm/api`) before it is imported; anything else is started directly.
 *
 * @example const w = startWorker(workerScriptUrl(import.meta.url, 'clusterWorker'), { points, n, d });
 */
export function startWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  // tsx is resolved from this module, not from the process's working folder.
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Runs a one-shot worker: starts it ({@link startWorker}) and resolves with the first message it
 * posts. Rejects with the worker's error, or when it exits before posting (Node delivers the
 * messages a worker posted before its `exit` event).
 *
 * @param what - the worker's name in the error message, e.g. `'bootstrap worker'`
 * @example const sums = await Promise.all(parts.map((p) => runWorker<number>(url, p)));
 */
export function runWorker<T>(url: URL, workerData: unknown, what = 'worker'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(url, workerData);
    let answered = false;
    worker.once('message', (result: T) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${what} stopped with code ${code}`));
      else if (!answered) reject(new Error(`${what} stopped without a result`));
    });
  });
}
