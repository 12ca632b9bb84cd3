/** Bad checkpoint tables: one clear error at the offending place. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoints } from '../../src/monitor/readCheckpoints.js';
import { errorOf, tempFolders } from '../data/support.js';

const temp = tempFolders('scalecast-checkpoints-');
const file = (text: string) => join(temp({ 'c.csv': text }), 'c.csv');

describe('readCheckpoints', () => {
  it('reads run, step, tokens, benchmark and score, skipping rows without a score', () => {
    const rows = readCheckpoints(file('model,step,tokens_seen,task,acc\nr,1000,2B,arc,0.3\nr,2000,4B,arc,\nr,2000,4B,piqa,0.6\n'));
    expect(rows.map(({ file: _f, ...r }) => r)).toEqual([
      { run: 'r', benchmark: 'arc', step: 1000, tokens: 2e9, score: 0.3, line: 2 },
      { run: 'r', benchmark: 'piqa', step: 2000, tokens: 4e9, score: 0.6, line: 4 },
    ]);
  });

  it('refuses a table with neither a step nor a tokens column', () => {
    const e = errorOf(() => readCheckpoints(file('model,task,acc\nr,arc,0.3\n')));
    expect(e.code).toBe('missing-column');
    expect(e.describe()).toMatch(/c\.csv:1:1: a checkpoint table needs a "step" or a "tokens" column/);
  });

  it('refuses a checkpoint with neither value, at its line', () => {
    const e = errorOf(() => readCheckpoints(file('model,step,tokens,task,acc\nr,1000,2e9,arc,0.3\nr,,,arc,0.4\n')));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/neither a step nor a token count/);
  });

  it('refuses two rows for one run, step and benchmark', () => {
    const e = errorOf(() => readCheckpoints(file('model,step,task,acc\nr,1000,arc,0.3\nr,2000,arc,0.4\nr,1000,arc,0.35\n')));
    expect(e.code).toBe('duplicate');
    expect(e.line).toBe(4);
    expect(e.message).toBe('a second row for r at step 1000 on arc (the first is on line 2)');
  });

  it('refuses a step that goes backwards in tokens, and one step at two token counts', () => {
    const back = errorOf(() => readCheckpoints(file('model,step,tokens,task,acc\nr,1000,2e9,arc,0.3\nr,2000,1e9,arc,0.4\n')));
    expect(back.line).toBe(3);
    expect(back.message).toMatch(/r goes backwards: step 2000 has 1000000000 tokens, no more than step 1000/);
    const two = errorOf(() => readCheckpoints(file('model,step,tokens,task,acc\nr,1000,2e9,arc,0.3\nr,1000,3e9,piqa,0.4\n')));
    expect(two.message).toMatch(/r logs step 1000 at 3000000000 tokens here and at 2000000000 on line 2/);
  });

  it('refuses a score outside [0, 1] at its cell', () => {
    const e = errorOf(() => readCheckpoints(file('model,step,task,acc\nr,1000,arc,54.3\n')));
    expect(e.line).toBe(2);
    expect(e.column).toBe(12);
  });
});
