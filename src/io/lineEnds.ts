/**
 * Line ends in text read chunk by chunk: splitting into numbered lines, and recognising files whose
 * lines end with a carriage return only (as classic Mac OS programs and some Excel exports write
 * them), which scalecast does not read.
 */
import { InputError } from './inputError.js';

/**
 * Throws when `text`, all of which precedes the first `\n` of a file, holds a carriage return that
 * is followed by something other than `\n`: the file's lines end with CR only. A CR at the very end
 * of `text` is left for the next chunk to decide, unless `final`.
 *
 * @throws InputError `bad-csv` naming the cause
 */
export function rejectCarriageReturnLines(text: string, from: number, file: string): void {
  const cr = text.indexOf('\r', from);
  if (cr < 0 || cr + 1 >= text.length) return;
  throw new InputError({
    code: 'bad-csv',
    file,
    line: 1,
    message: 'the lines of this file end with a carriage return (CR) only, as old Mac programs write them',
    expected: 'lines ending with LF (\\n) or CRLF (\\r\\n)',
    hint: `convert the line ends first, e.g. tr '\\r' '\\n' < in.csv > out.csv`,
  });
}

/**
 * Splits text pushed in chunks into lines, numbered from 1, and hands each non-blank one to a
 * callback without its line end (`\n` or `\r\n`); a leading byte-order mark is dropped.
 */
export class LineSplitter {
  private rest = '';
  private line = 0;
  private sawNewline = false;

  /**
   * @param file label for errors
   * @param onLine called with each non-blank line and its 1-based number
   */
  constructor(
    private readonly file: string,
    private readonly onLine: (text: string, line: number) => void,
  ) {}

  /** Adds text; emits every complete line. */
  push(chunk: string): void {
    const text = this.rest.length === 0 ? chunk : this.rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n');
    if (!this.sawNewline) {
      if (nl < 0) rejectCarriageReturnLines(text, 0, this.file);
      else this.sawNewline = true;
    }
    for (; nl >= 0; nl = text.indexOf('\n', start)) {
      this.emit(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** Signals the end of input; emits the last line. */
  end(): void {
    if (this.rest !== '') this.emit(this.rest);
    this.rest = '';
  }

  private emit(text: string): void {
    this.line++;
    if (this.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() !== '') this.onLine(text, this.line);
  }
}
