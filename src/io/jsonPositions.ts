/**
 * Where each value of a JSON document starts, by path, so that a message about a value read from a
 * JSON file (a corpus manifest, say) can name its line and column as a CSV error does.
 *
 * Paths join object keys and array indices with dots: `ladders.3.models.0`. The root is `""`. The
 * scanner assumes the text is valid JSON (parse it with `JSON.parse` first); it only walks the
 * structure and records offsets.
 *
 * @example
 * const at = jsonPositions('{\n  "a": [1, {"b": 2}]\n}');
 * at.get('a.1.b') // => { line: 2, column: 17 }
 */

/** A 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A function giving the line and column of a character offset of `text`. */
function positioner(text: string): (offset: number) => TextPosition {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
}

/** The line and column of a character offset (a JSON parse error's position, say). */
export function textPosition(text: string, offset: number): TextPosition {
  return positioner(text)(offset);
}

/**
 * The position of `path`, or of the nearest value enclosing it (a missing key: the object that lacks
 * it), or line 1.
 */
export function nearestPosition(positions: ReadonlyMap<string, TextPosition>, path: string): TextPosition {
  let at = positions.get(path);
  for (let p = path; at === undefined && p.includes('.'); ) at = positions.get((p = p.slice(0, p.lastIndexOf('.'))));
  return at ?? positions.get('') ?? { line: 1, column: 1 };
}

/** The start of every value of a JSON text, by path. */
export function jsonPositions(text: string): Map<string, TextPosition> {
  const out = new Map<string, TextPosition>();
  const position = positioner(text);
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skipSpace();
    out.set(path, position(i));
    const ch = text[i];
    const child = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (ch === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const key = readString();
        skipSpace();
        i++; // ':'
        value(child(key));
        skipSpace();
        if (text[i++] === '}') return;
      }
    }
    if (ch === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        value(child(String(k)));
        skipSpace();
        if (text[i++] === ']') return;
      }
    }
    if (ch === '"') {
      readString();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  value('');
  return out;
}
