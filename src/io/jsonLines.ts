/**
 * Helpers for JSON Lines input: streaming a file line by line, parsing one line with errors that
 * point at the line and column, and finding where a key sits in a line.
 *
 * Python's `json.dumps` writes non-finite floats as bare `NaN`, `Infinity` and `-Infinity`, which
 * `JSON.parse` rejects; {@link parseJsonLine} accepts them and returns them as the strings
 * "NaN", "Infinity", "-Infinity" so that callers can reject them with a precise message.
 */
import { InputError, quoteCell } from './inputError.js';
import { LineSplitter } from './lineEnds.js';
import { forEachTextChunk } from './textChunks.js';

/**
 * Calls `onLine` with each non-blank line of a file (without its line end or BOM) and its 1-based
 * number, reading the file in chunks.
 */
export function forEachLine(file: string, onLine: (text: string, line: number) => void): void {
  const splitter = new LineSplitter(file, onLine);
  forEachTextChunk(file, 8 << 20, (chunk) => splitter.push(chunk));
  splitter.end();
}

const NON_FINITE_TOKENS = ['NaN', 'Infinity', '-Infinity'];

/** Is `text` one of the non-finite tokens Python writes? */
export function isNonFiniteToken(text: string): boolean {
  return NON_FINITE_TOKENS.includes(text);
}

/**
 * Parses one line holding a JSON object.
 *
 * @param what names the line in messages, e.g. "this samples line"
 * @throws InputError `bad-json` with the line and the column V8 reports
 */
export function parseJsonLine(text: string, file: string, line: number, what = 'this line'): Record<string, unknown> {
  let value: unknown;
  try {
    value = parsePythonJson(text);
  } catch (e) {
    throw new InputError({
      code: 'bad-json',
      file,
      line,
      column: jsonErrorOffset(e, text) + 1,
      message: `${what} is not valid JSON (${jsonErrorText(e)})`,
      expected: 'one JSON object per line',
      found: quoteCell(text.trim()),
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError({
      code: 'bad-json',
      file,
      line,
      column: 1,
      message: `${what} must hold a JSON object`,
      expected: 'one JSON object per line',
      found: quoteCell(text.trim()),
    });
  }
  return value as Record<string, unknown>;
}

/**
 * 1-based column of the last `"key":` in a JSON line, or 1 when absent. The last one, because
 * harness rows list metric names early (`"metrics": ["acc"]`) and their values last (`"acc": 1.0`).
 */
export function jsonKeyColumn(text: string, key: string): number {
  const needle = JSON.stringify(key);
  for (let at = text.lastIndexOf(needle); at >= 0; at = text.lastIndexOf(needle, at - 1)) {
    if (text[at - 1] !== '\\' && /^\s*:/.test(text.slice(at + needle.length, at + needle.length + 8))) return at + 1;
    if (at === 0) break;
  }
  return 1;
}

/** `JSON.parse`, also accepting Python's bare NaN/Infinity (returned as strings). */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!/NaN|Infinity/.test(text)) throw e;
    try {
      return JSON.parse(quoteNonFinite(text));
    } catch {
      throw e;
    }
  }
}

/** Puts bare `NaN` / `Infinity` / `-Infinity` tokens (outside strings) in quotes. */
function quoteNonFinite(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const token = NON_FINITE_TOKENS.find((t) => text.startsWith(t, i));
    if (token !== undefined) {
      out += `${text.slice(last, i)}"${token}"`;
      i += token.length - 1;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}

/** 0-based offset of a `JSON.parse` error: V8 says "position N" for most errors; end of input → text length. */
export function jsonErrorOffset(e: unknown, text: string): number {
  const msg = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(msg);
  if (pos) return Number(pos[1]);
  return /end of JSON input/.test(msg) ? text.length : 0;
}

/** A `JSON.parse` error message without the copy of the input V8 appends (`…, "<text>" is not valid JSON`). */
export function jsonErrorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/, ".*" is not valid JSON$/s, '').replace(/^JSON\.parse: /, '');
}
