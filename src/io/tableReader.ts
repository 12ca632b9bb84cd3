/**
 * Row-by-row reading of tables in CSV, TSV or JSON Lines, from a string or from a file of any size,
 * and of Parquet files (decoded whole, see {@link readParquetTable}; a row's `line` is its 1-based
 * row number, `column(j)` is `j + 1`, and messages say "row 12, column "score"").
 *
 * Every consumer of tabular input (models tables, long and wide score files, aggregate scores) reads
 * through here, so that they all get the same header checks, line/column positions and error texts.
 * CSV/TSV cells arrive as strings; JSON Lines cells keep their JSON types.
 */
import { extname } from 'node:path';
import { DelimitedReader } from './delimitedReader.js';
import { InputError } from './inputError.js';
import { isAFolder, noSuchPath, pathKind } from './inputPath.js';
import { LineSplitter } from './lineEnds.js';
import { readParquetTable } from './parquetRows.js';
import { jsonKeyColumn, parseJsonLine } from './jsonLines.js';
import { forEachTextChunk } from './textChunks.js';

/** Supported table encodings. */
export type TableFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

/** A cell as read: CSV gives strings; JSON Lines may give numbers, booleans or null. */
export type Cell = string | number | boolean | null | undefined;

/** A table's column names and where they were read. */
export interface TableHeader {
  readonly file: string;
  readonly format: TableFormat;
  /** Column names. For JSON Lines the header grows when a later object has new keys. */
  readonly header: readonly string[];
  /**
   * 1-based line of the header row (blank lines may precede it). For JSON Lines, whose keys are the
   * header, the line of the object being read (of the first object in `onHeader`).
   */
  readonly headerLine: number;
}

/** One data row. Objects are reused between calls: copy what you keep ({@link snapshotRow}). */
export interface TableRow extends TableHeader {
  /** Cells in header order; `undefined` where a JSON object lacks the key. */
  readonly values: readonly Cell[];
  /** 1-based line where the row starts. */
  readonly line: number;
  /** 1-based column where cell `j` starts on its own line, when known. */
  column(j: number): number | undefined;
  /** 1-based line where cell `j` starts: `line`, except after a quoted field that spans lines. */
  lineOf(j: number): number;
}

/** Callbacks of {@link readTableText} / {@link readTableFile}. */
export interface TableHandler {
  /** Called once with the header row (CSV/TSV) or the keys of the first object (JSON Lines). */
  onHeader?(header: TableHeader): void;
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
 * The table format implied by a file name: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`, `.parquet`/`.pq`.
 * Returns `undefined` for other extensions.
 */
export function tableFormatOf(path: string): TableFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

/** A copy of `row` that stays valid after the reader moves on. */
export function snapshotRow(row: TableRow): TableRow {
  const n = row.values.length;
  const columns = Array.from({ length: n }, (_, j) => row.column(j));
  const lines = Array.from({ length: n }, (_, j) => row.lineOf(j));
  return {
    file: row.file,
    format: row.format,
    header: row.header,
    headerLine: row.headerLine,
    values: [...row.values],
    line: row.line,
    column: (j) => columns[j],
    lineOf: (j) => lines[j] ?? row.line,
  };
}

/** A push-based table parser; feed text with `push`, finish with `end`. */
interface TableParser {
  push(text: string): void;
  end(): void;
}

function delimitedParser(format: 'csv' | 'tsv', file: string, handler: TableHandler): TableParser {
  const delimiter = format === 'tsv' ? '\t' : ',';
  let header: string[] | null = null;
  let rows = 0;
  const row = {
    file,
    format,
    header: [] as string[],
    headerLine: 0,
    values: [] as Cell[],
    line: 0,
    columns: [] as number[],
    fieldLines: null as number[] | null,
    column(j: number): number | undefined {
      return this.columns[j];
    },
    lineOf(j: number): number {
      return this.fieldLines?.[j] ?? this.line;
    },
  };
  const reader = new DelimitedReader(delimiter, file, (fields, line, columns, fieldLines) => {
    if (header === null) {
      checkSeparator(fields, format, file, line);
      header = checkHeader(fields, file, line, columns, fieldLines);
      row.header = header;
      row.headerLine = line;
      handler.onHeader?.(row);
      return;
    }
    if (fields.length !== header.length) {
      const j = fields.length > header.length ? header.length : columns.length - 1;
      throw new InputError({
        code: 'field-count',
        file,
        line: fieldLines?.[j] ?? line,
        column: columns[j],
        message: `row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${header.length}`,
        expected: `${header.length} ${delimiter === '\t' ? 'tab' : 'comma'}-separated fields`,
      });
    }
    row.values = fields;
    row.line = line;
    row.columns = columns;
    row.fieldLines = fieldLines;
    rows++;
    handler.onRow(row);
  });
  // The text before the header is read, to tell a quoted CSV header in a .tsv file (which the
  // tokenizer rejects before it is a header) from a broken one.
  let head = '';
  const explain = (e: unknown): unknown => {
    if (header !== null || !(e instanceof InputError) || e.line === undefined) return e;
    const text = head.replace(/^\uFEFF/, '').split('\n')[e.line - 1];
    if (text === undefined || text.includes(delimiter)) return e;
    return separatorError(text, format, file, e.line) ?? e;
  };
  return {
    push: (t) => {
      if (header === null && head.length < 1 << 16) head += t.slice(0, 1 << 16);
      try {
        reader.push(t);
      } catch (e) {
        throw explain(e);
      }
    },
    end: () => {
      try {
        reader.end();
      } catch (e) {
        throw explain(e);
      }
      if (header === null) {
        throw new InputError({ code: 'empty-file', file, message: 'the file is empty', expected: 'a header row' });
      }
      if (rows === 0) {
        throw new InputError({ code: 'empty-file', file, line: row.headerLine, message: 'the file has a header but no data rows' });
      }
    },
  };
}

/**
 * Rejects a header of one field that holds the other separator: a CSV file named `.tsv`, or a TSV
 * file named `.csv`, which would otherwise be read as a one-column table and fail later with a
 * message about missing columns.
 */
function checkSeparator(fields: string[], format: 'csv' | 'tsv', file: string, line: number): void {
  if (fields.length !== 1) return;
  const e = separatorError(fields[0]!, format, file, line);
  if (e !== undefined) throw e;
}

/** The error for a header line `text` (holding no `format` separator) that holds the other separator. */
function separatorError(text: string, format: 'csv' | 'tsv', file: string, line: number): InputError | undefined {
  const other = format === 'tsv' ? ',' : '\t';
  if (!text.includes(other)) return undefined;
  const ext = extname(file).toLowerCase();
  const name = ext === '' ? `this ${format.toUpperCase()} file's` : `this ${ext} file's`;
  const [has, lacks, kind] = format === 'tsv' ? ['commas', 'tabs', 'CSV'] : ['tabs', 'commas', 'TSV'];
  return new InputError({
    code: 'bad-header',
    file,
    line,
    column: 1,
    message: `${name} header has ${has} and no ${lacks}: is it a ${kind}?`,
    expected: `${format === 'tsv' ? 'tab' : 'comma'}-separated column names`,
    hint: `rename the file to .${kind.toLowerCase()}, or save it ${format === 'tsv' ? 'with tabs' : 'with commas'}`,
  });
}

function checkHeader(fields: string[], file: string, line: number, columns: number[], fieldLines: number[] | null): string[] {
  const header = fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    const where = { file, line: fieldLines?.[j] ?? line, column: columns[j] };
    if (name === '') {
      throw new InputError({ ...where, code: 'bad-header', message: `column ${j + 1} of the header has no name`, expected: 'a column name' });
    }
    const prev = seen.get(name.toLowerCase());
    if (prev !== undefined) {
      throw new InputError({
        ...where,
        code: 'bad-header',
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
  let raw = '';
  const row = {
    file,
    format: 'jsonl' as const,
    header,
    headerLine: 0,
    values: [] as Cell[],
    line: 0,
    column(j: number): number | undefined {
      const key = header[j];
      return key === undefined ? undefined : jsonKeyColumn(raw, key);
    },
    lineOf(): number {
      return this.line;
    },
  };
  const splitter = new LineSplitter(file, (text, line) => {
    const rec = parseJsonLine(text, file, line);
    for (const key of Object.keys(rec)) {
      if (!index.has(key)) {
        index.set(key, header.length);
        header.push(key);
      }
    }
    raw = text;
    row.line = line;
    row.headerLine = line;
    if (rows === 0) handler.onHeader?.(row);
    const values: Cell[] = new Array(header.length);
    for (let j = 0; j < header.length; j++) {
      const v = rec[header[j]!];
      if (v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        values[j] = v;
      } else {
        values[j] = JSON.stringify(v);
      }
    }
    row.values = values;
    rows++;
    handler.onRow(row);
  });
  return {
    push: (text) => splitter.push(text),
    end() {
      splitter.end();
      if (rows === 0) {
        throw new InputError({ code: 'empty-file', file, message: 'the file holds no JSON objects', expected: 'one JSON object per line' });
      }
    },
  };
}

function parserFor(format: Exclude<TableFormat, 'parquet'>, file: string, handler: TableHandler): TableParser {
  if (format === 'jsonl') return jsonLinesParser(file, handler);
  return delimitedParser(format, file, handler);
}

/**
 * Feeds a decoded Parquet table to `handler` with the checks text tables get: named, unique
 * columns, and at least one row.
 */
function readParquetFile(path: string, handler: TableHandler): void {
  const table = readParquetTable(path);
  const header = checkHeader(table.columns, path, 0, table.columns.map((_, j) => j + 1), null);
  const row = {
    file: path,
    format: 'parquet' as const,
    header,
    headerLine: 0,
    values: [] as Cell[],
    line: 0,
    column: (j: number): number | undefined => j + 1,
    lineOf(): number {
      return this.line;
    },
  };
  handler.onHeader?.(row);
  if (table.rows.length === 0) throw new InputError({ code: 'empty-file', file: path, message: 'the file has columns but no rows' });
  for (let i = 0; i < table.rows.length; i++) {
    row.values = table.rows[i]!;
    row.line = i + 1;
    handler.onRow(row);
  }
}

/** Reads a whole table held in a string. `file` labels error messages. */
export function readTableText(text: string, file: string, format: TableFormat, handler: TableHandler): void {
  if (format === 'parquet') throw new InputError({ code: 'unknown-format', file, message: 'a Parquet table is binary and is read from its file, not from text', expected: 'a .parquet file' });
  const p = parserFor(format, file, handler);
  p.push(text);
  p.end();
}

/**
 * The format to read `path` in: `format` when given, else the one its extension implies.
 *
 * @throws InputError `unreadable` "PATH: no such file or folder" when the format is unknown because
 *   the path does not exist, or when it is a folder; `unknown-format` for an existing file with
 *   another extension
 */
export function resolveTableFormat(path: string, format?: TableFormat): TableFormat {
  const f = format ?? tableFormatOf(path);
  if (f === undefined) {
    const kind = pathKind(path);
    if (kind === 'missing') throw noSuchPath(path);
    if (kind === 'folder') throw isAFolder(path, 'a .csv, .tsv or .jsonl file');
    throw new InputError({
      code: 'unknown-format',
      file: path,
      message: 'cannot tell the format of this file from its name',
      expected: 'a .csv, .tsv, .jsonl or .parquet file (or lm-evaluation-harness results .json)',
    });
  }
  return f;
}

/**
 * Streams a table file through `handler` in chunks, so that files larger than memory allows as one
 * string (hundreds of MB) can be read.
 *
 * @throws InputError for a path that does not exist ("PATH: no such file or folder"), an unknown
 *   extension, an unreadable file, invalid UTF-8, or any table error.
 */
export function readTableFile(path: string, handler: TableHandler, options: ReadTableOptions = {}): void {
  const format = resolveTableFormat(path, options.format);
  if (format === 'parquet') {
    readParquetFile(path, handler);
    return;
  }
  const parser = parserFor(format, path, handler);
  forEachTextChunk(path, options.chunkBytes ?? 8 << 20, (t) => parser.push(t), options.onProgress);
  parser.end();
}
