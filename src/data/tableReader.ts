/**
 * Row-by-row reading of tables in CSV, TSV or JSON Lines, from a string or from a file of any size.
 *
 * Every consumer of tabular input (models tables, long and wide score files, aggregate scores) reads
 * through here, so that they all get the same header checks, line/column positions and error texts.
 * CSV/TSV cells arrive as strings; JSON Lines cells keep their JSON types.
 */
import { extname } from 'node:path';
import { DelimitedReader } from './delimitedReader.js';
import { InputError } from './inputError.js';
import { jsonKeyColumn, parseJsonLine } from './jsonLines.js';
import { forEachTextChunk } from './textChunks.js';

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
      return key === undefined ? undefined : jsonKeyColumn(raw, key);
    },
  };
  const handleLine = (text: string) => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    const rec = parseJsonLine(text, file, line);
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

