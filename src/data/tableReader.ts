/**
 * Row-by-row reading of tables in CSV, TSV or JSON Lines, from a string or from a file of any size.
 *
 * Every consumer of tabular input (models tables, long and wide score files, aggregate scores) reads
 * through here, so that they all get the same header checks, line/column positions and error texts.
 * CSV/TSV cells arrive as strings; JSON Lines cells keep their JSON types.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { DelimitedReader } from './delimitedReader.js';
import { InputError, quoteCell } from './inputError.js';

/** Supported table encodings. */
export type TableFormat = 'csv' | 'tsv' | 'jsonl';

/** A cell as read: CSV gives strings; JSON Lines may give numbers, booleans or null. */
export type Cell = string | number | boolean | null | undefined;

/** One data row. Objects are reused between calls: copy what you keep. */
export interface TableRow {
  readonly file: string;
  /** Column names. For JSON Lines the header grows when a later object has new keys. */
  readonly header: readonly string[];
  /** Cells in header order; `undefined` where a JSON object lacks the key. */
  readonly values: readonly Cell[];
  /** 1-based line of the row. */
  readonly line: number;
  /** 1-based column where cell `j` starts, when known. */
  column(j: number): number | undefined;
}

/** Callbacks of {@link readTableText} / {@link readTableFile}. */
export interface TableHandler {
  /** Called once with the header row (CSV/TSV) or the keys of the first object (JSON Lines). */
  onHeader?(header: readonly string[], file: string): void;
  onRow(row: TableRow): void;
}

/** Options of {@link readTableFile}. */
export interface ReadTableOptions {
  /** Overrides the format implied by the file's extension. */
  format?: TableFormat;
  /** Called after each chunk with bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Chunk size in bytes. @default 8 MiB */
  chunkBytes?: number;
}

/**
 * The table format implied by a file name: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`.
 * Returns `undefined` for other extensions.
 */
export function tableFormatOf(path: string): TableFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

/** A push-based table parser; feed text with `push`, finish with `end`. */
interface TableParser {
  push(text: string): void;
  end(): void;
}

function delimitedParser(delimiter: string, file: string, handler: TableHandler): TableParser {
  let header: string[] | null = null;
  let rows = 0;
  const row = {
    file,
    header: [] as string[],
    values: [] as Cell[],
    line: 0,
    columns: [] as number[],
    column(j: number): number | undefined {
      return this.columns[j];
    },
  };
  const reader = new DelimitedReader(delimiter, file, (fields, line, columns) => {
    if (header === null) {
      header = checkHeader(fields, file, line, columns);
      row.header = header;
      handler.onHeader?.(header, file);
      return;
    }
    if (fields.length !== header.length) {
      // A single empty field is a line of only spaces or a stray delimiter-free line; still an error.
      throw new InputError({
        code: 'field-count',
        file,
        line,
        column: fields.length > header.length ? columns[header.length] : columns[columns.length - 1],
        message: `row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}`,
        expected: `${header.length} ${delimiter === '\t' ? 'tab' : 'comma'}-separated fields`,
      });
    }
    row.values = fields;
    row.line = line;
    row.columns = columns;
    rows++;
    handler.onRow(row);
  });
  return {
    push: (t) => reader.push(t),
    end: () => {
      reader.end();
      if (header === null) {
        throw new InputError({ code: 'empty-file', file, message: 'the file is empty', expected: 'a header row' });
      }
      if (rows === 0) {
        throw new InputError({ code: 'empty-file', file, line: 1, message: 'the file has a header but no data rows' });
      }
    },
  };
}

function checkHeader(fields: string[], file: string, line: number, columns: number[]): string[] {
  const header = fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') {
      throw new InputError({
        code: 'bad-header',
        file,
        line,
        column: columns[j],
        message: `column ${j + 1} of the header has no name`,
        expected: 'a column name',
      });
    }
    const prev = seen.get(name.toLowerCase());
    if (prev !== undefined) {
      throw new InputError({
        code: 'bad-header',
        file,
        line,
        column: columns[j],
        message: `column name "${name}" appears twice in the header (columns ${prev + 1} and ${j + 1})`,
        expected: 'unique column names',
      });
    }
    seen.set(name.toLowerCase(), j);
  });
  return header;
}

function jsonLinesParser(file: string, handler: TableHandler): TableParser {
  const header: string[] = [];
  const index = new Map<string, number>();
  let rows = 0;
  let buf = '';
  let line = 0;
  let raw = '';
  const row = {
    file,
    header,
    values: [] as Cell[],
    line: 0,
    column(j: number): number | undefined {
      const key = header[j];
      if (key === undefined) return undefined;
      const at = raw.indexOf(JSON.stringify(key));
      return at >= 0 ? at + 1 : undefined;
    },
  };
  const handleLine = (text: string) => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const pos = /position (\d+)/.exec(msg);
      throw new InputError({
        code: 'bad-json',
        file,
        line,
        column: pos ? Number(pos[1]) + 1 : 1,
        message: `this line is not valid JSON (${msg.replace(/^JSON\.parse: /, '')})`,
        expected: 'one JSON object per line',
        found: quoteCell(text.trim()),
      });
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw new InputError({
        code: 'bad-json',
        file,
        line,
        column: 1,
        message: 'each line must hold a JSON object',
        expected: 'an object such as {"model": "m1", "score": 0.5}',
        found: quoteCell(text.trim()),
      });
    }
    const rec = obj as Record<string, unknown>;
    const first = rows === 0;
    for (const key of Object.keys(rec)) {
      if (!index.has(key)) {
        index.set(key, header.length);
        header.push(key);
      }
    }
    if (first) handler.onHeader?.(header, file);
    const values: Cell[] = new Array(header.length);
    for (let j = 0; j < header.length; j++) {
      const v = rec[header[j]!];
      if (v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        values[j] = v;
      } else {
        values[j] = JSON.stringify(v);
      }
    }
    raw = text;
    row.values = values;
    row.line = line;
    rows++;
    handler.onRow(row);
  };
  return {
    push(text: string) {
      buf += text;
      let start = 0;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
        handleLine(buf.slice(start, nl));
        start = nl + 1;
      }
      buf = buf.slice(start);
    },
    end() {
      if (buf.length > 0) handleLine(buf);
      buf = '';
      if (rows === 0) {
        throw new InputError({ code: 'empty-file', file, message: 'the file holds no JSON objects', expected: 'one JSON object per line' });
      }
    },
  };
}

function parserFor(format: TableFormat, file: string, handler: TableHandler): TableParser {
  if (format === 'jsonl') return jsonLinesParser(file, handler);
  return delimitedParser(format === 'tsv' ? '\t' : ',', file, handler);
}

/** Reads a whole table held in a string. `file` labels error messages. */
export function readTableText(text: string, file: string, format: TableFormat, handler: TableHandler): void {
  const p = parserFor(format, file, handler);
  p.push(text);
  p.end();
}

/**
 * Streams a table file through `handler` in chunks, so that files larger than memory allows as one
 * string (hundreds of MB) can be read.
 *
 * @throws InputError for an unknown extension, an unreadable file, invalid UTF-8, or any table error.
 */
export function readTableFile(path: string, handler: TableHandler, options: ReadTableOptions = {}): void {
  const format = options.format ?? tableFormatOf(path);
  if (format === undefined) {
    throw new InputError({
      code: 'unknown-format',
      file: path,
      message: 'cannot tell the format of this file from its name',
      expected: 'a .csv, .tsv or .jsonl file',
    });
  }
  const parser = parserFor(format, path, handler);
  forEachTextChunk(path, options.chunkBytes ?? 8 << 20, (t) => parser.push(t), options.onProgress);
  parser.end();
}

/**
 * Reads a file as UTF-8 in chunks, calling `onText` for each decoded piece.
 *
 * @throws InputError when the file cannot be opened or is not valid UTF-8.
 */
export function forEachTextChunk(
  path: string,
  chunkBytes: number,
  onText: (text: string) => void,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    const total = fstatSync(fd).size;
    if (fstatSync(fd).isDirectory()) throw unreadable(path, new Error('it is a directory'));
    const buffer = Buffer.allocUnsafe(Math.max(1 << 16, chunkBytes));
    let carry = 0; // bytes of an incomplete UTF-8 character kept from the previous read
    let done = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, carry, buffer.length - carry, null);
      } catch (e) {
        throw unreadable(path, e);
      }
      const end = carry + n;
      if (n === 0) {
        if (carry > 0) throw notUtf8(path, done);
        break;
      }
      done += n;
      const cut = completeUtf8Prefix(buffer, end);
      const piece = buffer.subarray(0, cut);
      // isUtf8 is native and much faster than a fatal TextDecoder; toString then needs no checks.
      if (!isUtf8(piece)) throw notUtf8(path, done);
      if (cut > 0) onText(piece.toString('utf8'));
      carry = end - cut;
      if (carry > 0) buffer.copy(buffer, 0, cut, end);
      onProgress?.(done, total);
    }
  } finally {
    closeSync(fd);
  }
}

/** Length of the longest prefix of `buf[0, end)` that does not end inside a UTF-8 character. */
function completeUtf8Prefix(buf: Buffer, end: number): number {
  for (let back = 1; back <= 4 && back <= end; back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? end - back : end;
  }
  return end;
}

function notUtf8(path: string, done: number): InputError {
  return new InputError({
    code: 'unreadable',
    file: path,
    message: `the file is not valid UTF-8 text (bad bytes within the first ${done} bytes)`,
    expected: 'UTF-8 text',
  });
}

function unreadable(path: string, e: unknown): InputError {
  const err = e as NodeJS.ErrnoException;
  const why =
    err?.code === 'ENOENT' ? 'no such file' : err?.code === 'EISDIR' ? 'it is a directory' : err?.message ?? String(e);
  return new InputError({ code: 'unreadable', file: path, message: `cannot read the file: ${why}` });
}
