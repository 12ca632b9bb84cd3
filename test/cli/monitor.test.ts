/** `scalecast monitor` on Pythia's checkpoints: the forecast, its formats, and bad input. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../data/support.js';
import { hasRawData, noRawDataReason, projectRoot, rawPath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const fixture = join(projectRoot, 'test/fixtures/checkpoints/pythia-zero-shot.csv');
const temp = tempFolders('scalecast-monitor-');

describe('scalecast monitor', () => {
  it('forecasts the run in progress on each benchmark, with the ladder, and the truth falls in the intervals', async () => {
    const r = await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', '--until-step', '143000', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.unit).toBe('fraction');
    expect(out.axis).toBe('tokens');
    expect(out.end).toBe(143000 * 2097152);
    expect(out.ladder).toEqual(['pythia-160m', 'pythia-410m', 'pythia-1b', 'pythia-1.4b']);
    // pythia-2.8b's real step-143,000 scores (pythia_v1_evals.csv)
    const actual: Record<string, number> = { arc_easy: 0.6439, lambada_openai: 0.6472, piqa: 0.7388, sciq: 0.882 };
    for (const b of out.benchmarks) {
      expect(b.checkpoints).toBe(5);
      const d = b.forecasts.default.value;
      expect(d).toBeCloseTo((b.forecasts['own-curve'].value + b.forecasts['ladder-gain'].value) / 2, 12);
      expect(b.interval[0]).toBeLessThanOrEqual(actual[b.benchmark]!);
      expect(b.interval[1]).toBeGreaterThanOrEqual(actual[b.benchmark]!);
      // nearer the truth than carrying the latest checkpoint forward
      expect(Math.abs(d - actual[b.benchmark]!)).toBeLessThan(Math.abs(b.forecasts.carry.value - actual[b.benchmark]!));
      expect(b.path[0].at).toBe(b.last.at);
      expect(b.path.at(-1).at).toBeCloseTo(out.end, 0);
    }
    const text = await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', '--until-tokens', '299892736000');
    expect(text.stdout).toMatch(/^Run pythia-2\.8b: checkpoints to 69\.2B tokens \(23% of the planned 300B tokens\); ladder: pythia-160m, pythia-410m, pythia-1b, pythia-1\.4b/);
    const csv = await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', '--until-step', '143000', '--csv');
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(Number(lines[1]!.split(',')[6])).toBe(out.benchmarks[0].forecasts.default.value);
  });

  it('uses the own curve alone with --ladder none', async () => {
    const r = JSON.parse((await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', '--until-step', '143000', '--ladder', 'none', '--json')).stdout);
    for (const b of r.benchmarks) expect(b.forecasts.default.value).toBe(b.forecasts['own-curve'].value);
  });

  it('refuses a planned end before the last checkpoint, a missing end, an unknown run or ladder run: one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--until-step', '20000'], /the planned end \(41943040000 tokens\) is not after the run's last checkpoint \(69206016000\)/],
      [[], /give the run's planned end once/],
      [['--until-step', '143000', '--until-tokens', '300B'], /give the run's planned end once/],
      [['--until-step', '143000', '--ladder', 'pythia-9b'], /--ladder names pythia-9b, which is not a run/],
      [['--until-step', '143000', '--where', 'shots=0'], /--where shots=0: the table has no column "shots"/],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', ...extra);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    const unknown = await runCli('monitor', '-s', fixture, '--run', 'nope', '--until-step', '143000');
    expect(unknown.stderr).toMatch(/no checkpoint of run "nope"/);
  });

  it('refuses a table without step or tokens at its header', async () => {
    const dir = temp({ 'c.csv': 'model,task,acc\nr,arc,0.3\n' });
    const r = await runCli('monitor', '-s', join(dir, 'c.csv'), '--run', 'r', '--until-step', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/c\.csv:1:1: a checkpoint table needs a "step" or a "tokens" column/);
  });

  describe.skipIf(!hasRawData)('on the whole Pythia table', () => {
    it('selects the zero-shot rows of the whole table with --where (a planned end past the last checkpoint)', async () => {
      const r = await runCli('monitor', '-s', rawPath('pythia-evals/pythia_v1_evals.csv'), '--where', 'num_fewshot=0', '--where', 'step<=143000', '--run', 'pythia-12b', '--ladder', 'pythia-6.9b', '--until-step', '200000', '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).benchmarks.length).toBeGreaterThan(60);
    }, 60_000);
  });
  if (!hasRawData) it.skip(noRawDataReason, () => {});
});

describe('scalecast monitor --as-of-step', () => {
  it('replays the monitor at an earlier step of a finished run, keeping the ladder whole', async () => {
    const replay = JSON.parse((await runCli('monitor', '-s', fixture, '--run', 'pythia-1.4b', '--ladder', 'pythia-160m,pythia-410m,pythia-1b', '--as-of-step', '33000', '--until-step', '143000', '--json')).stdout);
    for (const b of replay.benchmarks) {
      expect(b.checkpoints).toBe(5);
      expect(b.last.at).toBe(33000 * 2097152);
    }
    const early = await runCli('monitor', '-s', fixture, '--run', 'pythia-1.4b', '--as-of-step', '500', '--until-step', '143000');
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/--as-of-step 500 is before the first checkpoint of pythia-1\.4b \(step 1000\)/);
  });
});

describe('scalecast monitor --chart', () => {
  it('writes the chart spec with a panel per benchmark, the path, the planned end and the alarms', async () => {
    const dir = temp();
    const out = join(dir, 'm.vl.json');
    const r = await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', '--until-step', '143000', '--chart', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Chart: ${out}`);
    const spec = JSON.parse(readFileSync(out, 'utf8'));
    const rows = spec.data.values as { benchmark: string; kind: string; x: number }[];
    expect([...new Set(rows.map((d) => d.benchmark))]).toEqual(['arc_easy', 'lambada_openai', 'piqa', 'sciq']);
    expect(rows.filter((d) => d.kind === 'checkpoint' && d.benchmark === 'piqa')).toHaveLength(5);
    expect(rows.filter((d) => d.kind === 'end').every((d) => d.x === 143000 * 2097152)).toBe(true);
    expect(rows.filter((d) => d.kind === 'path' && d.benchmark === 'piqa')).toHaveLength(13);
  });

  it('refuses a chart of another kind, or one over the input, before any work', async () => {
    const bad = await runCli('monitor', '-s', fixture, '--run', 'pythia-2.8b', '--until-step', '143000', '--chart', join(temp(), 'm.txt'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--chart must end in \.svg, \.png or \.vl\.json/);
    const dir = temp({ 'm.vl.json': '{}' });
    const over = await runCli('monitor', '-s', fixture, '-m', join(dir, 'm.vl.json'), '--run', 'pythia-2.8b', '--until-step', '143000', '--chart', join(dir, 'm.vl.json'));
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/m\.vl\.json/);
    expect(over.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'm.vl.json'), 'utf8')).toBe('{}');
  });
});

describe('scalecast monitor on a run with nothing yet', () => {
  it('refuses a run whose only checkpoints are at step 0, in one line', async () => {
    const dir = temp({ 'c.csv': 'model,step,tokens,task,acc\nr,0,0,arc,0.25\nl,0,0,arc,0.25\nl,10,1e9,arc,0.3\nl,20,2e9,arc,0.35\n' });
    const r = await runCli('monitor', '-s', join(dir, 'c.csv'), '--run', 'r', '--until-step', '20');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scalecast: error: /);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    const chart = await runCli('monitor', '-s', join(dir, 'c.csv'), '--run', 'r', '--until-tokens', '2e9', '--chart', join(dir, 'm.svg'));
    expect(chart.code).toBe(2);
    expect(chart.stderr).toMatch(/r has no checkpoint after step 0 yet/);
  });
});
