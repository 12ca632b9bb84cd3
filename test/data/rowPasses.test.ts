/** rowPasses: filters apply to the tables that have their column. */
import { describe, expect, it } from 'vitest';
import { parseRowFilter, rowPasses } from '../../src/data/rowFilter.js';
import { readTableText, type TableRow } from '../../src/io/tableReader.js';

function kept(text: string, filters: string[]): string[] {
  const keep = rowPasses(filters.map((f) => parseRowFilter(f)!));
  const out: string[] = [];
  readTableText(text, 't.csv', 'csv', { onRow: (row: TableRow) => void (keep(row) && out.push(String(row.values[0]))) });
  return out;
}

describe('rowPasses', () => {
  it('keeps the rows passing every filter, numbers compared as numbers', () => {
    expect(kept('model,shots,step\na,0,10\nb,5,10\nc,0.0,20\n', ['shots=0', 'step>=10'])).toEqual(['a', 'c']);
    expect(kept('model,Task\na,arc\nb,piqa\n', ['task!=arc'])).toEqual(['b']);
  });

  it('applies a filter on a JSON Lines key that first appears in a later object', () => {
    const keep = rowPasses([parseRowFilter('shots=0')!]);
    const out: string[] = [];
    const text = ['{"model":"a","step":1}', '{"model":"b","step":2,"shots":5}', '{"model":"c","step":3,"shots":0}'].join('\n');
    readTableText(text, 't.jsonl', 'jsonl', { onRow: (row: TableRow) => void (keep(row) && out.push(String(row.values[0]))) });
    // b and c are filtered once the key has appeared (a, read before it, is not pinned here).
    expect(out).toContain('c');
    expect(out).not.toContain('b');
  });

  it('does not apply a filter whose column the table lacks', () => {
    expect(kept('model,step\na,10\nb,20\n', ['shots=0', 'step<15'])).toEqual(['a']);
  });
});
