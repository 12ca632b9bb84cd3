/**
 * The worker behind {@link readParquetTable}: loads `hyparquet` (only here, by dynamic import, so
 * that commands that read no Parquet never load it), decodes the whole file, and answers on the
 * port it is sent with `{ columns, rows }` or `{ error }`, then wakes the waiting reader through the
 * shared flag.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

/** What the reader sends: where to answer. */
interface Request {
  port: MessagePort;
}

/** A decoded value as a table cell: numbers, text, booleans and null pass; the rest becomes text. */
function toCell(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

const { path, shared } = workerData as { path: string; shared: SharedArrayBuffer };
const flag = new Int32Array(shared);

parentPort!.once('message', (request: Request) => {
  void (async () => {
    let answer: unknown;
    try {
      const { parquetMetadata, parquetRead, parquetSchema } = await import('hyparquet');
      const bytes = readFileSync(path);
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const metadata = parquetMetadata(file);
      const columns = parquetSchema(metadata).children.map((c) => c.element.name);
      let rows: unknown[][] = [];
      await parquetRead({ file, metadata, rowFormat: 'array', onComplete: (r: unknown[][]) => (rows = r) });
      answer = { columns, rows: rows.map((r) => r.map(toCell)) };
    } catch (e) {
      answer = { error: e instanceof Error ? e.message : String(e), code: (e as { code?: unknown }).code };
    }
    request.port.postMessage(answer);
    request.port.close();
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  })();
});
