/**
 * `scalecast density` on the embedded public table: the table, the JSON, determinism, and bad input
 * (no reference, a reference too small, a bad date, a model with zero params, a scale mismatch).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const dir = join(projectRoot, 'datasets', 'public');
const scores = join(dir, 'density.scores.csv');
const models = join(dir, 'density.models.csv');
const floors = ['--guess', 'mmlu=0.25', 'arc_challenge=0.25', 'hellaswag=0.25', 'winogrande=0.5', 'gsm8k=0'];
const base = ['--scores', scores, '--models', models, ...floors];
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function temp(): string {
  const t = mkdtempSync(join(tmpdir(), 'scalecast-density-'));
  temps.push(t);
  return t;
}

describe('scalecast density', () => {
  it('prints every model with N̂ and ρ, the envelope fit and the doubling time', async () => {
    const r = await runCli('density', ...base, '--reference', 'Qwen1.5', '--bootstrap', '200');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Reference: family Qwen1\.5 \(8 models/);
    expect(r.stdout).toMatch(/Headline: the average of arc_challenge, gsm8k, hellaswag, mmlu, winogrande/);
    expect(r.stdout).toMatch(/^Mistral-7B-v0\.1 +Mistral +2023-09-27 +7\.3B +0\.6463 /m);
    expect(r.stdout).toMatch(/Densing law \(envelope of \d+ models; t in days since 2023-02-24\)/);
    expect(r.stdout).toMatch(/Doubling time: \d\.\d\d months \(\d+ days\); 95% bootstrap interval/);
    expect(r.stdout).toMatch(/Density per benchmark/);
  });

  it('gives JSON with the headline, each model\'s density and the law; the same bytes for the same seed', async () => {
    const a = await runCli('density', ...base, '--reference', 'Qwen1.5', '--bootstrap', '200', '--seed', '4', '--json');
    const b = await runCli('density', ...base, '--reference', 'Qwen1.5', '--bootstrap', '200', '--seed', '4', '--json');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.headline).toBe('average');
    expect(out.benchmarks).toHaveLength(5);
    expect(out.average.models.length).toBeGreaterThanOrEqual(60);
    const mistral = out.average.models.find((m: { model: string }) => m.model === 'Mistral-7B-v0.1');
    expect(mistral.density).toBeGreaterThan(0.5);
    expect(mistral.density).toBeLessThan(5);
    expect(out.law.on).toBe('envelope');
    expect(out.law.doublingDays).toBeGreaterThan(60);
    expect(out.law.doublingDays).toBeLessThan(250);
    expect(out.law.interval.doublingDays[0]).toBeLessThan(out.law.doublingDays);
  });

  it('fits all models with --fit all', async () => {
    const r = await runCli('density', ...base, '--reference', 'Qwen1.5', '--bootstrap', '0', '--fit', 'all', '--json');
    const out = JSON.parse(r.stdout);
    expect(out.law.on).toBe('all');
    expect(out.law.points.length).toBeGreaterThan(40);
  });

  it('takes the Open LLM Leaderboard v1 chance levels by default, and refuses a --guess naming no benchmark', async () => {
    const withFloors = JSON.parse((await runCli('density', ...base, '--reference', 'Qwen1.5', '--bootstrap', '0', '--json')).stdout);
    const plain = JSON.parse((await runCli('density', '--scores', scores, '--models', models, '--reference', 'Qwen1.5', '--bootstrap', '0', '--json')).stdout);
    expect(plain.law.A).toBe(withFloors.law.A);
    expect(plain.average.curve.floor).toBeCloseTo(0.25, 12);
    const bad = await runCli('density', '--scores', scores, '--models', models, '--reference', 'Qwen1.5', '--guess', 'MMLU=0.25');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--guess names MMLU, which is not among the benchmarks/);
  });

  it('refuses a reference model at the ceiling, and a folder as --reference', async () => {
    const r = await runCli('density', ...base, '--reference', 'Qwen1.5', '--ceiling', '0.6');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at or above the ceiling 0\.6/);
    const d = await runCli('density', ...base, '--reference', temp());
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/is a folder/);
  });

  it('runs on the embedded table against its default reference when given no scores, and says so', async () => {
    const r = await runCli('density', '--bootstrap', '200');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Reference: family Qwen1\.5 in the embedded table of public base models \(its default reference; choose another with --reference\)/);
    // the same numbers as naming the table's files and the reference
    const named = await runCli('density', ...base, '--reference', 'Qwen1.5', '--bootstrap', '200');
    expect(r.stdout.split('\n').slice(1).join('\n')).toBe(named.stdout.split('\n').slice(1).join('\n'));
    const other = await runCli('density', '--reference', 'Llama-2', '--bootstrap', '0');
    expect(other.stdout).toMatch(/^Reference: family Llama-2 in the embedded table of public base models \(/);
    const bad = await runCli('density', '--percent');
    expect(bad.stderr).toBe('scalecast: error: --percent applies to the score files given with --scores; without them, density runs on the embedded table\n');
  });

  it('gives the density table as CSV: the JSON\'s numbers, scores as fractions', async () => {
    const j = JSON.parse((await runCli('density', '--bootstrap', '0', '--json')).stdout);
    expect(j.unit).toBe('fraction');
    const c = await runCli('density', '--bootstrap', '0', '--csv');
    const [head, ...lines] = c.stdout.trimEnd().split('\n');
    expect(head.split(',').slice(0, 7)).toEqual(['model', 'family', 'reference', 'released', 'params', 'score', 'unit']);
    const models = (j.average ?? j.benchmarks[0]).models;
    expect(lines).toHaveLength(models.length);
    for (const line of lines) {
      const cells = line.split(',');
      const m = models.find((x: { model: string }) => x.model === cells[0]);
      expect(Number(cells[5])).toBe(m.score);
      expect(cells[11]).toBe(m.density === null ? '' : String(m.density));
    }
  });

  it('asks for a reference with score files, and names the families when the reference is unknown', async () => {
    const r = await runCli('density', ...base);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--reference/);
    const u = await runCli('density', ...base, '--reference', 'Nope');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/no such family.*Qwen1\.5/);
  });

  it('refuses a reference of fewer than 3 models (exit 2, the reason, no stack)', async () => {
    const r = await runCli('density', ...base, '--reference', 'Llama-3.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 reference models have a score .*at least 3/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports an unparseable release date with file, line and column', async () => {
    const t = temp();
    const bad = join(t, 'models.csv');
    writeFileSync(bad, readFileSync(models, 'utf8').replace('Mistral,7.3B,,2023-09-27', 'Mistral,7.3B,,27/09/2023'));
    const r = await runCli('density', '--scores', scores, '--models', bad, '--reference', 'Qwen1.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/models\.csv:\d+:\d+: release date is not a calendar date/);
  });

  it('reports a zero parameter count with file, line and column; a missing one is a per-model warning', async () => {
    const t = temp();
    const zero = join(t, 'zero.csv');
    writeFileSync(zero, readFileSync(models, 'utf8').replace('Mistral,7.3B,', 'Mistral,0,'));
    const r = await runCli('density', '--scores', scores, '--models', zero, '--reference', 'Qwen1.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/zero\.csv:\d+:\d+: params is out of range/);
    const missing = join(t, 'missing.csv');
    writeFileSync(missing, readFileSync(models, 'utf8').replace('Mistral,7.3B,,2023-09-27', 'Mistral,,,'));
    const m = await runCli('density', '--scores', scores, '--models', missing, '--reference', 'Qwen1.5', '--bootstrap', '0');
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/- Mistral-7B-v0\.1: .*no parameter count/);
  });

  it('refuses scores on another scale than the reference (most models below chance)', async () => {
    const t = temp();
    const scaled = join(t, 'scores.csv');
    const lines = readFileSync(scores, 'utf8').split('\n');
    const out = lines.map((l, i) => {
      if (i === 0 || !l.includes(',mmlu,') || l.startsWith('Qwen1.5')) return l;
      const cells = l.split(',');
      cells[2] = (Number(cells[2]) / 100).toFixed(6);
      return cells.join(',');
    });
    writeFileSync(scaled, out.join('\n'));
    const r = await runCli('density', '--scores', scaled, '--models', models, ...floors, '--reference', 'Qwen1.5');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mmlu: \d+ of \d+ models score below the chance level 0\.25/);
  });
});
