/**
 * Reading a file as UTF-8 text in bounded memory, chunk by chunk, with a native UTF-8 check.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './inputError.js';

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
