/** predict --checkpoints all: a ladder model's checkpoints become points at 6·N·tokens. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../data/support.js';
import { runCli } from '../helpers/runCli.js';

const temp = tempFolders('scalecast-checkpoints-');

// Four models, each at steps 50 (warm-up: under 0.5% of 20,000), 5,000, 10,000 and 20,000 (final); score rises with compute.
const models = [['m1', 1e8], ['m2', 2e8], ['m3', 4e8], ['m4', 8e8]] as const;
const tokensAt = (step: number) => step * 1e6;
const score = (n: number, step: number) => Math.min(0.9, 0.05 * Math.log10(6 * n * tokensAt(step)) - 0.6);
function files() {
  const rows = ['model,step,tokens,task,acc'];
  for (const [m, n] of models) for (const step of [50, 5000, 10000, 20000]) for (const task of ['a', 'b']) rows.push(`${m},${step},${tokensAt(step)},${task},${score(n, step).toFixed(6)}`);
  const table = ['model,family,params,tokens', ...models.map(([m, n]) => `${m},f,${n},${tokensAt(20000)}`), `big,f,3.2e9,${tokensAt(20000)}`];
  return temp({ 's.csv': `${rows.join('\n')}\n`, 'm.csv': `${table.join('\n')}\n` });
}

describe('predict --checkpoints', () => {
  it('adds every checkpoint after the warm-up as model@step at 6·N·tokens, keeps the largest final model last, and warns', async () => {
    const dir = files();
    const base = ['predict', '-s', join(dir, 's.csv'), '-m', join(dir, 'm.csv'), '--step', 'latest', '--family', 'f', '--target', 'big', '--method', 'all', '--json'];
    const final = JSON.parse((await runCli(...base)).stdout);
    expect(final.ladder.map((l: { model: string }) => l.model)).toEqual(['m1', 'm2', 'm3', 'm4']);
    const r = await runCli(...base, '--checkpoints', 'all');
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout);
    const names = all.ladder.map((l: { model: string }) => l.model);
    expect(names).toHaveLength(4 + 4 * 2); // steps 5,000 and 10,000 of each; step 50 is warm-up
    expect(names.at(-1)).toBe('m4');
    expect(names).not.toContain('m1@50');
    const m2 = all.ladder.find((l: { model: string }) => l.model === 'm2@5000');
    expect(m2.x).toBe(6 * 2e8 * tokensAt(5000));
    expect(all.warnings.some((w: string) => /8 intermediate checkpoints beside its 4 final models/.test(w))).toBe(true);
  });

  it('refuses --checkpoints all on the params axis, and without steps', async () => {
    const dir = files();
    const r = await runCli('predict', '-s', join(dir, 's.csv'), '-m', join(dir, 'm.csv'), '--step', 'latest', '--family', 'f', '--target-params', '3.2e9', '--axis', 'params', '--checkpoints', 'all');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--checkpoints all places each checkpoint at the compute it had seen/);
    const bad = await runCli('predict', '-s', join(dir, 's.csv'), '-m', join(dir, 'm.csv'), '--step', 'latest', '--family', 'f', '--target', 'big', '--checkpoints', 'some');
    expect(bad.code).toBe(2);
  });
});

describe('predict --checkpoints all with other inputs and groups', () => {
  it('passes over score files without a step column, and averages a group only where all its members are', async () => {
    const dir = files();
    // An aggregate file without steps beside the checkpoint table; and a group over tasks a and b.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'plain.csv'), 'model,benchmark,score\nm1,c,0.1\nm2,c,0.2\nm3,c,0.3\nm4,c,0.4\n');
    const r = await runCli('predict', '-s', join(dir, 's.csv'), join(dir, 'plain.csv'), '-m', join(dir, 'm.csv'), '--step', 'latest', '--family', 'f', '--target', 'big', '-b', 'ab', '--group', 'ab=?', '--method', 'carry', '--checkpoints', 'all', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ladder).toHaveLength(12);
    const bare = await runCli('predict', '-s', join(dir, 's.csv'), '-m', join(dir, 'm.csv'), '--step', 'latest', '--family', 'f', '--target', 'big', '--group', 'ab', '--checkpoints', 'all');
    expect(bare.code).toBe(2);
  });
});
