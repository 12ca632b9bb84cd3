import { describe, expect, it } from 'vitest';
import { DelimitedReader, readDelimitedText } from '../../src/io/delimitedReader.js';
import { InputError } from '../../src/io/inputError.js';

interface Rec {
  fields: string[];
  line: number;
  columns: number[];
  fieldLines: number[] | null;
}

function records(text: string, delimiter = ','): Rec[] {
  const out: Rec[] = [];
  readDelimitedText(text, delimiter, 't.csv', (f, line, cols, fl) => out.push({ fields: [...f], line, columns: [...cols], fieldLines: fl && [...fl] }));
  return out;
}

describe('DelimitedReader', () => {
  it('splits plain lines and reports 1-based lines and columns', () => {
    const r = records('a,bb,c\n1,22,333\n');
    expect(r.map((x) => x.fields)).toEqual([
      ['a', 'bb', 'c'],
      ['1', '22', '333'],
    ]);
    expect(r[1]!.line).toBe(2);
    expect(r[1]!.columns).toEqual([1, 3, 6]);
  });

  it('handles CRLF, a BOM, blank lines, a missing final newline and empty fields', () => {
    const r = records('\uFEFFa,b\r\n\r\n1,\r\n,2');
    expect(r.map((x) => x.fields)).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ]);
    expect(r.map((x) => x.line)).toEqual([1, 3, 4]);
  });

  it('reads RFC 4180 quoting: delimiters, doubled quotes and newlines inside quotes', () => {
    const r = records('name,note\n"a,b","say ""hi"""\n"multi\nline",x\nlast,"q"\n');
    expect(r.map((x) => x.fields)).toEqual([
      ['name', 'note'],
      ['a,b', 'say "hi"'],
      ['multi\nline', 'x'],
      ['last', 'q'],
    ]);
    expect(r[3]!.line).toBe(5);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'm,b,i,s\n"x,1",b,"it""em",0.5\r\nm2,b,i2,1\n"multi\nline",b,i3,0\n';
    const whole = records(text);
    for (let size = 1; size <= 7; size++) {
      const out: string[][] = [];
      const r = new DelimitedReader(',', 't.csv', (f) => out.push([...f]));
      for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
      r.end();
      expect(out).toEqual(whole.map((x) => x.fields));
    }
  });

  it('reads tab-separated text', () => {
    expect(records('a\tb\n1\t2\n', '\t').map((x) => x.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('rejects an unclosed quote, naming the line and column where it opened', () => {
    try {
      records('a,b\n1,"oops\n2,3\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect([err.code, err.line, err.column]).toEqual(['bad-csv', 2, 3]);
    }
  });

  it('gives each field of a record that spans lines its own line and column', () => {
    const r = records('a,b,c\n"x\ny\nz",w,"p\nq",v\nnext,1,2,3\n');
    expect(r[1]).toMatchObject({ line: 2, fieldLines: [2, 4, 4, 5], columns: [1, 4, 6, 4] });
    expect(r[2]).toMatchObject({ line: 6, fieldLines: null });
    expect(r[0]!.fieldLines).toBeNull();
  });

  it('rejects a file whose lines end with a carriage return only, saying so', () => {
    for (const size of [1, 3, 1000]) {
      const text = 'a,b\r1,2\r3,4\r';
      try {
        const r = new DelimitedReader(',', 't.csv', () => {});
        for (let i = 0; i < text.length; i += size) r.push(text.slice(i, i + size));
        r.end();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).code).toBe('bad-csv');
        expect((e as InputError).message).toContain('carriage return (CR) only');
      }
    }
    // CRLF split between two chunks is not mistaken for it.
    const out: string[][] = [];
    const r = new DelimitedReader(',', 't.csv', (f) => out.push([...f]));
    r.push('a,b\r');
    r.push('\n1,2\r\n');
    r.end();
    expect(out).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('rejects text after a closing quote', () => {
    expect(() => records('a,b\n"x"y,2\n')).toThrow(/after a closing quote/);
  });
});
