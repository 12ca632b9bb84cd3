import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstBadUtf8Byte, forEachTextChunk } from '../../src/io/textChunks.js';
import { errorOf, tempFolders } from '../data/support.js';

const folder = tempFolders('scalecast-chunks-');

function file(content: string | Buffer): string {
  return join(folder({ 'f.csv': content }), 'f.csv');
}

function chunks(path: string, size: number): string[] {
  const out: string[] = [];
  forEachTextChunk(path, size, (t) => out.push(t));
  return out;
}

describe('forEachTextChunk', () => {
  it('never splits a multi-byte character across chunks, whatever the chunk size', () => {
    // 2-, 3- and 4-byte characters at every offset relative to 4- to 7-byte chunks.
    const text = 'aé€𝄞b\né€𝄞\n𝄞𝄞é';
    const path = file(text);
    for (let size = 1; size <= 7; size++) {
      const got = chunks(path, size);
      expect(got.join(''), `chunk size ${size}`).toBe(text);
      expect(got.length).toBeGreaterThan(3);
      for (const c of got) expect(c).not.toMatch(/\uFFFD/);
    }
  });

  it('reports progress up to the file size', () => {
    const path = file('x'.repeat(100));
    const seen: [number, number][] = [];
    forEachTextChunk(path, 30, () => {}, (done, total) => seen.push([done, total]));
    expect(seen.at(-1)).toEqual([100, 100]);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('rejects invalid UTF-8, naming the line of the first bad byte', () => {
    const path = file(Buffer.concat([Buffer.from('model,score\na,1\nb,'), Buffer.from([0xff, 0x30]), Buffer.from('\n')]));
    for (const size of [4, 1 << 16]) {
      const e = errorOf(() => chunks(path, size));
      expect([e.code, e.file, e.line]).toEqual(['unreadable', path, 3]);
      expect(e.message).toContain('not valid UTF-8');
      expect(e.message).toContain('byte 19');
    }
  });

  it('rejects a file that ends inside a multi-byte character', () => {
    const path = file(Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xe2, 0x82])]));
    const e = errorOf(() => chunks(path, 4));
    expect([e.code, e.line]).toEqual(['unreadable', 3]);
  });

  it('says a folder or a missing file cannot be read', () => {
    const dir = folder();
    expect(errorOf(() => chunks(dir, 64)).message).toBe('cannot read the file: it is a folder');
    expect(errorOf(() => chunks(join(dir, 'nope.csv'), 64)).message).toBe('no such file or folder');
  });
});

describe('firstBadUtf8Byte', () => {
  it('finds stray continuation bytes, overlong forms, surrogates and truncated characters', () => {
    expect(firstBadUtf8Byte(Buffer.from('héllo €𝄞'))).toBe(Buffer.byteLength('héllo €𝄞'));
    expect(firstBadUtf8Byte(Buffer.from([0x61, 0x80]))).toBe(1);
    expect(firstBadUtf8Byte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstBadUtf8Byte(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstBadUtf8Byte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstBadUtf8Byte(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2);
  });
});
