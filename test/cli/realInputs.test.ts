/** Issue 12's refused inputs, read through the command line on the real files (skipped without ../shared). */
import { describe, expect, it } from 'vitest';
import { hasRawData, noRawDataReason, projectRoot, rawPath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';
import { join } from 'node:path';

describe.skipIf(!hasRawData)('the files people have', () => {
  it('predicts pythia-12b from the ladder up to 2.8B out of the tidy table, MMLU as a group', async () => {
    const r = await runCli(
      'predict', '-s', rawPath('pythia-evals/pythia_v1_evals.csv'), '-m', rawPath('pythia-evals/pythia_models.csv'),
      '--where', 'num_fewshot=0', '--step', 'latest', '--group', 'mmlu=hendrycksTest-*', '-b', 'arc_easy', 'lambada_openai', 'mmlu', 'piqa',
      '--ladder', 'pythia-70m,pythia-160m,pythia-410m,pythia-1b,pythia-1.4b,pythia-2.8b', '--target', 'pythia-12b', '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const defaults = out.predictions.filter((p: { default?: boolean }) => p.default);
    expect(defaults.map((p: { benchmark: string }) => p.benchmark)).toEqual(['arc_easy', 'lambada_openai', 'mmlu', 'piqa']);
    // The real step-143,000 scores are the actual column; the default lands within 3 points of each.
    for (const p of defaults) expect(Math.abs(p.prediction - p.actual)).toBeLessThan(0.03);
    expect(defaults.find((p: { benchmark: string }) => p.benchmark === 'mmlu').actual).toBeCloseTo(0.268, 3);
  }, 60_000);

  it('reads ObsScaling\'s wide table alone, in inspect and density', async () => {
    const file = rawPath('obsscaling/base_llm_benchmark_eval.csv');
    const i = await runCli('inspect', file);
    expect(i.code).toBe(0);
    expect(i.stdout).toMatch(/^Models \(148, by training compute, then parameters\)/);
    const d = await runCli('density', '-s', file, '-r', 'Qwen1.5', '--bootstrap', '0', '--json');
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).reference).toBe('family Qwen1.5');
  }, 60_000);

  it('reads an OPT lm-eval v0.3 results file by content, and the folder with the OPT models table', async () => {
    const one = await runCli('inspect', rawPath('pythia-evals/raw/opt/opt-125m.json'), '--json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).models.map((m: { model: string }) => m.model)).toEqual(['facebook/opt-125m']);
    const all = await runCli('backtest', '-s', rawPath('pythia-evals/raw/opt'), '-m', join(projectRoot, 'datasets/public/opt.models.csv'), '--family', 'opt', '--axis', 'params', '--group', 'mmlu=hendrycksTest-*', '--csv');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('mmlu,default,facebook/opt-66b,');
  }, 60_000);
});
if (!hasRawData) it.skip(noRawDataReason, () => {});
