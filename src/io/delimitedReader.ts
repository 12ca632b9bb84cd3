/**
 * A streaming tokenizer for delimited text (CSV, TSV) that keeps line and column numbers.
 *
 * Follows RFC 4180: fields may be quoted with `"`, a quote inside a quoted field is written `""`,
 * and quoted fields may span lines. Line ends may be `\n` or `\r\n` (a file whose lines end with `\r`
 * alone is rejected with a `bad-csv` error saying so); a leading byte-order mark is dropped. Text arrives in chunks of any size ({@link DelimitedReader.push}), so a file of any
 * length is read in bounded memory; records are handed to a callback as soon as they are complete.
 *
 * Lines without a quote character, which is nearly every line of a score file, take a fast path
 * that splits with `indexOf`.
 */
import { InputError } from './inputError.js';
import { rejectCarriageReturnLines } from './lineEnds.js';

/**
 * Receives one record: its fields, the line it starts on, the 1-based column where each field starts
 * on its own line, and — only for a record with a quoted field spanning lines — the line each field
 * starts on (`null` when every field is on `line`). The arrays are reused between calls: copy what
 * you keep.
 */
export type RecordHandler = (fields: string[], line: number, columns: number[], fieldLines: number[] | null) => void;

/** Tokenizes delimited text pushed in chunks. */
export class DelimitedReader {
  private buf = '';
  private line = 1;
  private started = false;
  private sawNewline = false;
  private readonly fields: string[] = [];
  private readonly columns: number[] = [];
  private readonly fieldLines: number[] = [];

  /**
   * @param delimiter one character: `,` for CSV, `\t` for TSV
   * @param file label used in error messages
   * @param onRecord called for each record, blank lines skipped
   */
  constructor(
    private readonly delimiter: string,
    private readonly file: string,
    private readonly onRecord: RecordHandler,
  ) {}

  /** Adds text; emits every record that is complete. */
  push(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    const consumed = this.scan(false);
    this.buf = consumed >= this.buf.length ? '' : this.buf.slice(consumed);
  }

  /** Signals the end of input; emits the last record. */
  end(): void {
    this.scan(true);
    this.buf = '';
  }

  /** Emits complete records from `buf`; returns the offset of the first unconsumed character. */
  private scan(final: boolean): number {
    const buf = this.buf;
    const n = buf.length;
    let pos = 0;
    let q: number = -1; // next quote at or after pos, cached so that one late quote is not searched for per line
    while (pos < n) {
      let nl = buf.indexOf('\n', pos);
      if (nl < 0) {
        if (!this.sawNewline) rejectCarriageReturnLines(buf, pos, this.file);
        if (!final) return pos;
        nl = n;
      } else {
        this.sawNewline = true;
      }
      if (q !== Infinity && q < pos) {
        q = buf.indexOf('"', pos);
        if (q < 0) q = Infinity;
      }
      if (q > nl) {
        this.emitPlain(buf, pos, nl);
        pos = nl + 1;
        this.line++;
        continue;
      }
      const next = this.emitQuoted(buf, pos, final);
      if (next < 0) return pos; // record continues in a later chunk
      pos = next;
    }
    return pos;
  }

  private emitPlain(buf: string, start: number, end: number): void {
    if (end > start && buf.charCodeAt(end - 1) === 13) end--;
    if (end === start) return; // blank line
    const fields = this.fields;
    const columns = this.columns;
    fields.length = 0;
    columns.length = 0;
    const d = this.delimiter;
    let s = start;
    for (;;) {
      let e = buf.indexOf(d, s);
      if (e < 0 || e > end) e = end;
      fields.push(buf.slice(s, e));
      columns.push(s - start + 1);
      if (e >= end) break;
      s = e + 1;
    }
    this.onRecord(fields, this.line, columns, null);
  }

  /**
   * Parses one record that contains a quote, starting at `start`. Returns the offset after its line
   * end, or -1 when the record is not complete in the buffer and more text may come.
   */
  private emitQuoted(buf: string, start: number, final: boolean): number {
    const fields = this.fields;
    const columns = this.columns;
    const fieldLines = this.fieldLines;
    fields.length = 0;
    columns.length = 0;
    fieldLines.length = 0;
    const d = this.delimiter.charCodeAt(0);
    const n = buf.length;
    const firstLine = this.line;
    let line = this.line;
    let lineStart = start;
    let i = start;
    for (;;) {
      // At the start of a field.
      columns.push(i - lineStart + 1);
      fieldLines.push(line);
      if (i < n && buf.charCodeAt(i) === 34) {
        const fieldLine = line;
        const fieldCol = i - lineStart + 1;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0) {
            if (!final) return -1;
            throw new InputError({
              code: 'bad-csv',
              file: this.file,
              line: fieldLine,
              column: fieldCol,
              message: 'a quoted field is never closed',
              expected: 'a closing quote (")',
            });
          }
          const piece = buf.slice(j, q);
          for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) {
            line++;
            lineStart = j + k + 1;
          }
          value += piece;
          if (q + 1 < n && buf.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1; // cannot tell "" from " yet
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= n) break;
        const c = buf.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === 10 || (c === 13 && buf.charCodeAt(i + 1) === 10)) {
          i += c === 13 ? 2 : 1;
          this.onRecord(fields, firstLine, columns, line > firstLine ? fieldLines : null);
          this.line = line + 1;
          return i;
        }
        if (c === 13 && i + 1 >= n && !final) return -1;
        throw new InputError({
          code: 'bad-csv',
          file: this.file,
          line,
          column: i - lineStart + 1,
          message: 'unexpected text after a closing quote',
          expected: 'a delimiter or the end of the line',
          found: buf.slice(i, Math.min(n, i + 10)).split('\n')[0],
        });
      }
      // Unquoted field: runs to the next delimiter or line end; stray quotes are kept literally.
      let e = i;
      while (e < n) {
        const c = buf.charCodeAt(e);
        if (c === d || c === 10) break;
        e++;
      }
      if (e >= n && !final) return -1;
      let v = buf.slice(i, e);
      if (v.endsWith('\r') && (e >= n || buf.charCodeAt(e) === 10)) v = v.slice(0, -1);
      fields.push(v);
      if (e < n && buf.charCodeAt(e) === d) {
        i = e + 1;
        continue;
      }
      i = e < n ? e + 1 : e;
      break;
    }
    this.onRecord(fields, firstLine, columns, line > firstLine ? fieldLines : null);
    this.line = line + 1;
    return i;
  }
}

/** Tokenizes a whole string. */
export function readDelimitedText(text: string, delimiter: string, file: string, onRecord: RecordHandler): void {
  const r = new DelimitedReader(delimiter, file, onRecord);
  r.push(text);
  r.end();
}
