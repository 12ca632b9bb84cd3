/**
 * Reading a file as UTF-8 text in bounded memory, chunk by chunk, with a native UTF-8 check.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './inputError.js';
import { isAFolder, readErrorOf } from './inputPath.js';

/**
 * Reads a file as UTF-8 in chunks, calling `onText` for each decoded piece. A character whose bytes
 * straddle two chunks is held back and decoded whole with the next one.
 *
 * @param chunkBytes bytes per read at most (at least 4; no more than the file's size is allocated)
 * @throws InputError `unreadable` when the file does not exist ("PATH: no such file or folder"),
 *   cannot be opened or read, is a folder, or is not valid UTF-8 (then naming the line of the first bad byte)
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
    throw readErrorOf(path, e);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw isAFolder(path);
    const total = stat.size;
    // No bigger than the file needs (plus room for a character held back): small files are common.
    const buffer = Buffer.allocUnsafe(Math.max(4, Math.min(chunkBytes, total + 4)));
    let carry = 0; // bytes of an incomplete UTF-8 character kept from the previous read
    let done = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, carry, buffer.length - carry, null);
      } catch (e) {
        throw readErrorOf(path, e);
      }
      const end = carry + n;
      if (n === 0) {
        if (carry > 0) throw notUtf8(path, buffer.subarray(0, carry), done - carry);
        break;
      }
      const start = done - carry; // file offset of buffer[0]
      done += n;
      const cut = completeUtf8Prefix(buffer, end);
      const piece = buffer.subarray(0, cut);
      // isUtf8 is native and much faster than a fatal TextDecoder; toString then needs no checks.
      if (!isUtf8(piece)) throw notUtf8(path, piece, start);
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

/**
 * Index of the first byte of `bytes` that is not part of a well-formed UTF-8 character (overlong
 * forms, surrogates and code points above U+10FFFF included), or `bytes.length` when all are.
 */
export function firstBadUtf8Byte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return n;
}

/** The line (1-based) that byte `offset` of the file is on, reading the file again up to there. */
function lineAtOffset(path: string, offset: number): number | undefined {
  let line = 1;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let pos = 0; pos < offset; ) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, offset - pos), pos);
        if (n === 0) break;
        for (let k = buf.indexOf(10, 0); k >= 0 && k < n; k = buf.indexOf(10, k + 1)) line++;
        pos += n;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  return line;
}

/** The error for bytes that are not UTF-8; `chunk` starts at file offset `start` and holds the bad byte. */
function notUtf8(path: string, chunk: Uint8Array, start: number): InputError {
  const bad = Math.min(firstBadUtf8Byte(chunk), chunk.length - 1);
  const offset = start + Math.max(0, bad);
  return new InputError({
    code: 'unreadable',
    file: path,
    line: lineAtOffset(path, offset),
    message: `the file is not valid UTF-8 text (the first bad byte is byte ${offset + 1} of the file)`,
    expected: 'UTF-8 text',
    hint: 'save the file as UTF-8',
  });
}
