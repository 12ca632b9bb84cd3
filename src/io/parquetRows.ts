/**
 * Reading a Parquet file synchronously, as every other table is read, although the Parquet decoder
 * (`hyparquet`, pure JavaScript) only has an asynchronous API: a worker thread decodes the file
 * ({@link ../io/parquetWorker}) while this thread waits on a shared flag (`Atomics.wait`), then takes
 * the answer off a message port with `receiveMessageOnPort`. The decoder is loaded only when a
 * Parquet file is read, so start-up stays as fast as before.
 *
 * The whole table is held in memory (Parquet is columnar: rows cannot be streamed without reading
 * every column chunk anyway).
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { startWorker, workerScriptUrl } from '../core/workerThreads.js';
import { InputError } from './inputError.js';
import { noSuchPath, pathKind, isAFolder } from './inputPath.js';

/** A decoded table: column names, and rows of cells (numbers, text, booleans, null). */
export interface ParquetTable {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** How long to wait for the decoder before giving up, in milliseconds. */
const TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Decodes the Parquet file at `path`.
 *
 * @throws InputError `unreadable` for a path that does not exist, a folder, or a file that is not
 *   Parquet (or uses a compression codec the decoder lacks), with the decoder's reason
 */
export function readParquetTable(path: string): ParquetTable {
  const kind = pathKind(path);
  if (kind === 'missing') throw noSuchPath(path);
  if (kind === 'folder') throw isAFolder(path, 'a .parquet file');
  const shared = new SharedArrayBuffer(4);
  const flag = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  const worker = startWorker(workerScriptUrl(import.meta.url, 'parquetWorker'), { path, shared });
  try {
    worker.postMessage({ port: port2 }, [port2]);
    const waited = Atomics.wait(flag, 0, 0, TIMEOUT_MS);
    const answer = receiveMessageOnPort(port1)?.message as (ParquetTable & { error?: undefined }) | { error: string } | undefined;
    if (waited === 'timed-out' || answer === undefined) {
      throw new InputError({ code: 'unreadable', file: path, message: 'the Parquet decoder gave no answer', expected: 'a Parquet file' });
    }
    if (answer.error !== undefined) {
      throw new InputError({ code: 'unreadable', file: path, message: `cannot read this Parquet file (${answer.error})`, expected: 'a Parquet file of flat columns' });
    }
    return answer as ParquetTable;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
