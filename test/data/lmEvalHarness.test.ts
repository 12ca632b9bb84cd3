import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { isLmEvalHarnessDir, readLmEvalHarness, type LmEvalOptions } from '../../src/data/lmEvalHarness.js';
import type { ItemMatrix } from '../../src/data/types.js';
import { errorOf, tempFolders } from './support.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'lm-eval', 'pythia-step143000');
const M160 = 'EleutherAI/pythia-160m@step143000';
const M410 = 'EleutherAI/pythia-410m@step143000';
const DATE_160_OLD = '2026-04-16T09-02-11.118093';
const DATE_160 = '2026-04-17T20-18-28.440238';
const DATE_410 = '2026-04-17T21-40-03.902114';

function read(dir: string, options?: LmEvalOptions) {
  const collector = new ItemScoreCollector();
  const data = readLmEvalHarness(dir, collector, options);
  const matrices = collector.finish();
  return { ...data, matrices };
}

function aggregate(data: ReturnType<typeof read>, model: string, benchmark: string) {
  const a = data.aggregates.find((x) => x.model === model && x.benchmark === benchmark);
  if (a === undefined) throw new Error(`no aggregate for ${model} ${benchmark}`);
  return a;
}

function matrix(data: ReturnType<typeof read>, benchmark: string): ItemMatrix {
  const m = data.matrices.find((x) => x.benchmark === benchmark);
  if (m === undefined) throw new Error(`no matrix for ${benchmark}`);
  return m;
}

function column(m: ItemMatrix, model: string): number[] {
  const j = m.models.indexOf(model);
  return m.items.map((_, i) => m.scores[i * m.models.length + j]!);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// ——— temp-dir helpers for variants ———

const tempDir = tempFolders('scalecast-lmeval-');

/** A copy of the fixture folder. */
function fixtureCopy(): string {
  const dir = tempDir();
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function editLines(file: string, edit: (line: string, n: number) => string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  writeFileSync(file, lines.map((l, i) => (l === '' ? l : edit(l, i + 1))).join('\n'));
}

/** A minimal results file in the harness format. */
function resultsJson(results: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      results,
      group_subtasks: Object.fromEntries(Object.keys(results).map((t) => [t, []])),
      configs: {},
      versions: Object.fromEntries(Object.keys(results).map((t) => [t, 1])),
      config: { model: 'hf', model_num_parameters: 70426624, ...config },
      date: 1776457108.44,
      ...extra,
    },
    null,
    2,
  );
}

const arcRow = (docId: number, acc: number | string, filter = 'none') =>
  `{"doc_id": ${docId}, "doc": {"q": "x"}, "target": "0", "arguments": {}, "resps": [], "filtered_resps": [], "filter": "${filter}", "metrics": ["acc"], "doc_hash": "a", "prompt_hash": "b", "target_hash": "c", "acc": ${acc}}`;

/** A one-model folder `<dir>/org__m` with an arc_easy results file and samples rows. */
function oneModel(accNone: unknown, rows: string[], config: Record<string, unknown> = { model_args: 'pretrained=org/m' }): { dir: string; folder: string } {
  const dir = tempDir();
  const folder = join(dir, 'org__m');
  mkdirSync(folder);
  writeFileSync(join(folder, `results_${DATE_160}.json`), resultsJson({ arc_easy: { alias: 'arc_easy', 'acc,none': accNone, 'acc_stderr,none': 'N/A' } }, config));
  writeFileSync(join(folder, `samples_arc_easy_${DATE_160}.jsonl`), rows.join('\n') + '\n');
  return { dir, folder };
}

describe('isLmEvalHarnessDir', () => {
  it('recognises an output folder with one subfolder per model', () => {
    expect(isLmEvalHarnessDir(FIXTURE)).toBe(true);
  });

  it('recognises a single model folder', () => {
    expect(isLmEvalHarnessDir(join(FIXTURE, 'EleutherAI__pythia-410m'))).toBe(true);
  });

  it('rejects folders without results files two levels down, and missing folders', () => {
    expect(isLmEvalHarnessDir(join(FIXTURE, '..', '..'))).toBe(false);
    expect(isLmEvalHarnessDir(tempDir())).toBe(false);
    expect(isLmEvalHarnessDir(join(FIXTURE, 'no-such-folder'))).toBe(false);
  });
});

describe('readLmEvalHarness on a checkpoint series', () => {
  const data = read(FIXTURE);

  it('names models by pretrained= and the step143000 revision', () => {
    expect(data.models.models.map((m) => m.model)).toEqual([M160, M410]);
  });

  it('puts params and step in the models table', () => {
    const [m160, m410] = data.models.models;
    expect(m160).toMatchObject({ params: 162322944, step: 143000, computeEstimated: false, extra: {}, line: 0 });
    expect(m410).toMatchObject({ params: 405334016, step: 143000 });
    expect(m160!.source).toContain(`results_${DATE_160}.json`);
    expect(data.models.sources).toHaveLength(3);
  });

  it('scores arc_easy by acc under filter none and keeps the other metrics', () => {
    const a = aggregate(data, M160, 'arc_easy');
    expect(a.score).toBeCloseTo(5 / 12, 12);
    expect(a.metrics).toEqual({ acc_stderr: expect.any(Number), acc_norm: 0.5, acc_norm_stderr: expect.any(Number) });
    expect(a.metrics.acc_stderr).toBeCloseTo(0.1486470975026408, 12);
    expect(a.line).toBe(0);
  });

  it('scores gsm8k by exact_match under strict-match and says so once', () => {
    expect(aggregate(data, M160, 'gsm8k').score).toBe(0.125);
    expect(aggregate(data, M160, 'gsm8k').metrics['exact_match,flexible-extract']).toBe(0.25);
    const choice = data.warnings.filter((w) => w.code === 'metric-choice');
    expect(choice).toHaveLength(1);
    expect(choice[0]!.message).toMatch(/gsm8k.*strict-match.*--filter/);
  });

  it('skips an "N/A" stderr', () => {
    const a = aggregate(data, M410, 'gsm8k');
    expect(a.metrics).toEqual({ exact_match_stderr: 0.125, 'exact_match,flexible-extract': 0.5 });
  });

  it('makes each aggregate equal to the mean of its per-item scores', () => {
    for (const a of data.aggregates) {
      const items = column(matrix(data, a.benchmark), a.model);
      expect(items.every((x) => x === 0 || x === 1)).toBe(true);
      expect(mean(items)).toBeCloseTo(a.score!, 12);
    }
  });

  it('uses the latest results and samples files of a model', () => {
    const a = aggregate(data, M160, 'arc_easy');
    expect(a.source).toContain(`results_${DATE_160}.json`);
    expect(a.score).not.toBeCloseTo(4 / 12, 6);
    expect(matrix(data, 'arc_easy').sources.some((s) => s.includes(DATE_160_OLD))).toBe(false);
    expect(data.aggregates).toHaveLength(4);
  });

  it('counts each gsm8k doc once although every doc has one row per filter', () => {
    const m = matrix(data, 'gsm8k');
    expect(m.items).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(m.models).toEqual([M160, M410]);
    expect(column(m, M410)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(data.warnings.some((w) => w.code === 'duplicate-sample-row')).toBe(false);
  });

  it('keys items by doc_id as text', () => {
    expect(matrix(data, 'arc_easy').items).toHaveLength(12);
    expect(matrix(data, 'arc_easy').items[11]).toBe('11');
  });
});

describe('readLmEvalHarness options', () => {
  it('scores by the metric option, falling back where a task lacks it, with one warning listing those tasks', () => {
    const data = read(FIXTURE, { metric: 'acc_norm' });
    const a = aggregate(data, M160, 'arc_easy');
    expect(a.score).toBe(0.5);
    expect(a.metrics.acc).toBeCloseTo(5 / 12, 12);
    expect(a.metrics.acc_norm_stderr).toBeCloseTo(0.15075567228888181, 12);
    expect(mean(column(matrix(data, 'arc_easy'), M160))).toBe(0.5);
    expect(aggregate(data, M160, 'gsm8k').score).toBe(0.125);
    const choice = data.warnings.filter((w) => w.code === 'metric-choice');
    expect(choice.map((w) => w.message)).toEqual([
      expect.stringMatching(/^gsm8k: scored with filter "strict-match"/),
      '1 of 2 tasks has no metric "acc_norm" and is scored by its default metric instead: gsm8k (scored by "exact_match")',
    ]);
  });

  it('scores by the filter option and keeps only that filter\u2019s sample rows', () => {
    const data = read(FIXTURE, { filter: 'flexible-extract' });
    const a = aggregate(data, M410, 'gsm8k');
    expect(a.score).toBe(0.5);
    expect(a.metrics).toEqual({ 'exact_match,strict-match': 0.125, 'exact_match_stderr,strict-match': 0.125 });
    expect(mean(column(matrix(data, 'gsm8k'), M410))).toBe(0.5);
    expect(mean(column(matrix(data, 'gsm8k'), M160))).toBe(0.25);
    expect(aggregate(data, M160, 'arc_easy').score).toBeCloseTo(5 / 12, 12);
    expect(data.warnings.filter((w) => w.code === 'metric-choice')).toEqual([]);
  });

  it('falls back to strict-match, with a warning, where a task lacks the filter option', () => {
    const data = read(FIXTURE, { filter: 'none' });
    expect(aggregate(data, M410, 'gsm8k').score).toBe(0.125);
    const choice = data.warnings.filter((w) => w.code === 'metric-choice');
    expect(choice.map((w) => w.message)).toEqual(['1 of 2 tasks has no filter "none" and is scored by its default filter instead: gsm8k (scored with filter "strict-match")']);
  });

  it('divides the chosen metric and item scores by 100 with percent', () => {
    const { dir } = oneModel(87.5, [arcRow(0, 100), arcRow(1, 75)]);
    const data = read(dir, { percent: true });
    expect(data.aggregates[0]!.score).toBe(0.875);
    expect(column(matrix(data, 'arc_easy'), 'org/m')).toEqual([1, 0.75]);
  });
});

describe('readLmEvalHarness model names', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string, number | undefined][] = [
    ['a model_args string', { model_args: 'pretrained=org/m,revision=step1000,dtype=float32' }, {}, 'org/m@step1000', 1000],
    ['a model_args dict', { model_args: { pretrained: 'org/m', revision: 'step2000' } }, {}, 'org/m@step2000', 2000],
    ['model_revision', { model_args: 'pretrained=org/m', model_revision: 'step3000' }, {}, 'org/m@step3000', 3000],
    ['an OLMo-style revision', { model_args: 'pretrained=allenai/OLMo-1B,revision=step20000-tokens84B' }, {}, 'allenai/OLMo-1B@step20000-tokens84B', 20000],
    ['the default revision', { model_args: 'pretrained=org/m', model_revision: 'main' }, {}, 'org/m', undefined],
    ['an API model', { model_args: 'model=gpt-4o-mini,base_url=http://x' }, {}, 'gpt-4o-mini', undefined],
    ['model_name when model_args names none', { model_args: 'dtype=float32' }, { model_name: 'org/named' }, 'org/named', undefined],
    ['the folder when nothing else does', {}, {}, 'org__m', undefined],
  ];
  for (const [what, config, extra, model, step] of cases) {
    it(`takes the name from ${what}`, () => {
      const dir = tempDir();
      const folder = join(dir, 'org__m');
      mkdirSync(folder);
      writeFileSync(join(folder, `results_${DATE_160}.json`), resultsJson({ arc_easy: { 'acc,none': 0.5 } }, config, extra));
      const data = read(dir);
      expect(data.models.models).toHaveLength(1);
      expect(data.models.models[0]!.model).toBe(model);
      expect(data.models.models[0]!.step).toBe(step);
      expect(data.aggregates[0]!.model).toBe(model);
    });
  }
});

describe('readLmEvalHarness on other layouts', () => {
  it('tells checkpoints of one model apart within its folder', () => {
    const dir = fixtureCopy();
    const folder = join(dir, 'EleutherAI__pythia-160m');
    const date = '2026-04-18T08-00-00.000001';
    writeFileSync(
      join(folder, `results_${date}.json`),
      resultsJson({ arc_easy: { alias: 'arc_easy', 'acc,none': 0.5, 'acc_stderr,none': 0.1 } }, { model_args: 'pretrained=EleutherAI/pythia-160m,revision=step1000', model_num_parameters: 162322944 }),
    );
    writeFileSync(join(folder, `samples_arc_easy_${date}.jsonl`), [arcRow(0, 1), arcRow(1, 0)].join('\n') + '\n');
    const data = read(dir);
    expect(data.models.models.map((m) => [m.model, m.step])).toEqual([
      ['EleutherAI/pythia-160m@step143000', 143000],
      ['EleutherAI/pythia-160m@step1000', 1000],
      [M410, 143000],
    ]);
    expect(aggregate(data, M160, 'arc_easy').score).toBeCloseTo(5 / 12, 12);
    expect(aggregate(data, 'EleutherAI/pythia-160m@step1000', 'arc_easy').score).toBe(0.5);
    const m = matrix(data, 'arc_easy');
    expect(mean(column(m, M160))).toBeCloseTo(5 / 12, 12);
    expect(column(m, 'EleutherAI/pythia-160m@step1000').slice(0, 2)).toEqual([1, 0]);
  });

  it('keeps a task that only an older results file has', () => {
    const dir = fixtureCopy();
    const folder = join(dir, 'EleutherAI__pythia-410m');
    writeFileSync(
      join(folder, 'results_2026-01-01T00-00-00.000000.json'),
      resultsJson({ piqa: { 'acc,none': 0.62 }, arc_easy: { 'acc,none': 0.1 } }, { model_args: 'pretrained=EleutherAI/pythia-410m,revision=step143000' }),
    );
    const data = read(dir);
    expect(aggregate(data, M410, 'piqa').score).toBe(0.62);
    expect(aggregate(data, M410, 'arc_easy').score).toBeCloseTo(7 / 12, 12);
  });

  it('reads results files placed directly in the given folder', () => {
    const data = read(join(FIXTURE, 'EleutherAI__pythia-410m'));
    expect(data.aggregates.map((a) => [a.model, a.benchmark])).toEqual([
      [M410, 'arc_easy'],
      [M410, 'gsm8k'],
    ]);
  });

  it('reads Python NaN values and keeps perplexity-only tasks as unscored metrics', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, `results_${DATE_160}.json`),
      resultsJson(
        {
          arc_easy: { 'acc,none': 0.5, 'acc_stderr,none': 'NAN_HERE' },
          wikitext: { alias: 'wikitext', 'word_perplexity,none': 35.2, 'word_perplexity_stderr,none': 'N/A', 'bits_per_byte,none': 0.97 },
        },
        { model_args: 'pretrained=org/m' },
        { higher_is_better: { wikitext: { word_perplexity: false, bits_per_byte: false } } },
      ).replace('"NAN_HERE"', 'NaN'),
    );
    const data = read(dir);
    expect(aggregate(data, 'org/m', 'arc_easy')).toMatchObject({ score: 0.5, metrics: {} });
    const w = aggregate(data, 'org/m', 'wikitext');
    expect(w.score).toBeUndefined();
    expect(w.metrics).toEqual({ word_perplexity: 35.2, bits_per_byte: 0.97 });
  });
});

describe('readLmEvalHarness samples and runs', () => {
  it('reads no per-item scores from an older run when the latest run wrote no samples, and says so', () => {
    const dir = fixtureCopy();
    const folder = join(dir, 'EleutherAI__pythia-160m');
    rmSync(join(folder, `samples_arc_easy_${DATE_160}.jsonl`));
    const data = read(dir);
    expect(aggregate(data, M160, 'arc_easy').score).toBeCloseTo(5 / 12, 12);
    expect(matrix(data, 'arc_easy').models).toEqual([M410]);
    const w = data.warnings.filter((x) => x.code === 'ignored-samples');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ file: join(folder, `results_${DATE_160}.json`), model: M160 });
    expect(w[0]!.message).toContain(`samples_arc_easy_${DATE_160_OLD}.jsonl`);
    expect(w[0]!.message).toContain('ignored');
  });

  it('warns about a samples file that no results file of its run lists, and does not read it', () => {
    const dir = fixtureCopy();
    const folder = join(dir, 'EleutherAI__pythia-410m');
    const orphan = join(folder, 'samples_arc_easy_2026-05-01T00-00-00.000000.jsonl');
    writeFileSync(orphan, [arcRow(0, 1)].join('\n') + '\n');
    const otherTask = join(folder, `samples_piqa_${DATE_410}.jsonl`);
    writeFileSync(otherTask, [arcRow(0, 1)].join('\n') + '\n');
    const data = read(dir);
    const files = data.warnings.filter((x) => x.code === 'ignored-samples').map((x) => x.file);
    expect(files.sort()).toEqual([orphan, otherTask].sort());
    expect(data.matrices.map((m) => m.benchmark)).toEqual(['arc_easy', 'gsm8k']);
    expect(mean(column(matrix(data, 'arc_easy'), M410))).toBeCloseTo(7 / 12, 12);
  });

  it('warns about a results file with an empty "results" and leaves its model out', () => {
    const dir = tempDir();
    const folder = join(dir, 'org__m');
    mkdirSync(folder);
    writeFileSync(join(folder, `results_${DATE_160}.json`), resultsJson({}, { model_args: 'pretrained=org/empty' }));
    writeFileSync(join(folder, `results_${DATE_410}.json`), resultsJson({ arc_easy: { 'acc,none': 0.5 } }, { model_args: 'pretrained=org/m' }));
    const data = read(dir);
    expect(data.warnings.map((w) => [w.code, w.file])).toEqual([['empty-results', join(folder, `results_${DATE_160}.json`)]]);
    expect(data.models.models.map((m) => m.model)).toEqual(['org/m']);
    expect(data.aggregates.map((a) => a.model)).toEqual(['org/m']);
  });
});

describe('readLmEvalHarness duplicate sample rows', () => {
  it('warns once and keeps the first when a row repeats with the same score', () => {
    const { dir } = oneModel(0.5, [arcRow(0, 1), arcRow(1, 0), arcRow(0, 1), arcRow(1, 0)]);
    const data = read(dir);
    const dups = data.warnings.filter((w) => w.code === 'duplicate-sample-row');
    expect(dups).toHaveLength(1);
    expect(dups[0]!.line).toBe(3);
    expect(dups[0]!.message).toMatch(/2 rows repeat/);
    expect(column(matrix(data, 'arc_easy'), 'org/m')).toEqual([1, 0]);
  });

  it('rejects a row that repeats with a different score', () => {
    const { dir } = oneModel(0.5, [arcRow(0, 1), arcRow(1, 0), arcRow(1, 1)]);
    const e = errorOf(() => read(dir));
    expect(e.code).toBe('duplicate');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/doc_id 1.*line 2/);
  });

  it('skips, with a warning, a samples file whose metric values are not scores', () => {
    const { dir } = oneModel(0.5, [arcRow(0, '[["ref"], ["pred"]]'), arcRow(1, '[["ref"], ["pred"]]')]);
    const data = read(dir);
    expect(data.matrices).toEqual([]);
    expect(data.aggregates[0]!.score).toBe(0.5);
    expect(data.warnings.map((w) => w.code)).toEqual(['unscorable-samples']);
  });

  it('reads booleans as 1 and 0', () => {
    const { dir } = oneModel(0.5, [arcRow(0, 'true'), arcRow(1, 'false')]);
    expect(column(matrix(read(dir), 'arc_easy'), 'org/m')).toEqual([1, 0]);
  });
});

describe('readLmEvalHarness errors', () => {
  const samples160 = (dir: string) => join(dir, 'EleutherAI__pythia-160m', `samples_arc_easy_${DATE_160}.jsonl`);

  it('reports a malformed samples line with its line and column', () => {
    const dir = fixtureCopy();
    editLines(samples160(dir), (l, n) => (n === 3 ? l.replace('"target": "', '"target" "') : l));
    const e = errorOf(() => read(dir));
    expect(e.code).toBe('bad-json');
    expect(e.file).toBe(samples160(dir));
    expect(e.line).toBe(3);
    const line3 = readFileSync(samples160(dir), 'utf8').split('\n')[2]!;
    expect(e.column).toBe(line3.indexOf('"target" "') + '"target" '.length + 1);
    expect(e.describe()).toContain(`samples_arc_easy_${DATE_160}.jsonl:3:`);
  });

  it('reports a samples row without the metric key', () => {
    const dir = fixtureCopy();
    editLines(samples160(dir), (l, n) => (n === 5 ? l.replace(/"acc": [01]\.0, /, '') : l));
    const e = errorOf(() => read(dir));
    expect(e).toMatchObject({ code: 'missing-value', line: 5, column: 1 });
    expect(e.message).toContain('"acc"');
  });

  it('reports a samples row without doc_id', () => {
    const { dir, folder } = oneModel(0.5, [arcRow(0, 1), arcRow(1, 0).replace('"doc_id": 1, ', '')]);
    const e = errorOf(() => read(dir));
    expect(e).toMatchObject({ code: 'missing-value', file: join(folder, `samples_arc_easy_${DATE_160}.jsonl`), line: 2, column: 1 });
  });

  it('points at the metric key of a per-item score outside [0, 1]', () => {
    const { dir } = oneModel(0.5, [arcRow(0, 1), arcRow(1, 87)]);
    const e = errorOf(() => read(dir));
    expect(e).toMatchObject({ code: 'looks-like-percent', line: 2, hint: expect.stringContaining('pass --percent') });
    expect(e.column).toBe(arcRow(1, 87).lastIndexOf('"acc"') + 1);
  });

  it('rejects a per-item score of -1 and a string score', () => {
    expect(errorOf(() => read(oneModel(0.5, [arcRow(0, -1)]).dir)).code).toBe('out-of-range');
    expect(errorOf(() => read(oneModel(0.5, [arcRow(0, '"high"')]).dir)).code).toBe('bad-number');
  });

  it('says an aggregate of 87 looks like a percentage', () => {
    const { dir, folder } = oneModel(87, [arcRow(0, 1)]);
    const e = errorOf(() => read(dir));
    expect(e).toMatchObject({ code: 'looks-like-percent', file: join(folder, `results_${DATE_160}.json`), hint: expect.stringContaining('pass --percent'), found: '87' });
    expect(e.line).toBe(5);
    expect(e.column).toBe(7);
  });

  it('rejects a results file without results', () => {
    const dir = fixtureCopy();
    const file = join(dir, 'EleutherAI__pythia-410m', `results_${DATE_410}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    delete json.results;
    writeFileSync(file, JSON.stringify(json, null, 2));
    const e = errorOf(() => read(dir));
    expect(e).toMatchObject({ code: 'missing-column', file });
  });

  it('rejects a results file that is not JSON, naming the place', () => {
    const dir = fixtureCopy();
    const file = join(dir, 'EleutherAI__pythia-410m', `results_${DATE_410}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"acc,none": ', '"acc,none" '));
    const e = errorOf(() => read(dir));
    expect(e).toMatchObject({ code: 'bad-json', file, line: 5 });
  });

  it('rejects a folder without results files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(errorOf(() => read(dir)).code).toBe('unknown-format');
  });

  it('leaves the fixture untouched', () => {
    expect(readdirSync(join(FIXTURE, 'EleutherAI__pythia-160m'))).toHaveLength(5);
  });
});

describe('readLmEvalHarness partial runs', () => {
  it('warns when a run was limited to fewer documents than the benchmark has, and not otherwise', () => {
    // The fixtures are --limit runs (12 of 2376 arc_easy documents, 8 of 1319 gsm8k documents).
    const limited = read(fixtureCopy()).warnings.filter((x) => x.code === 'partial-run');
    expect(limited.map((w) => w.message)).toContain(`${M410} on arc_easy: the run was limited to 12 of 2376 documents (--limit), so its score is not the full benchmark's`);
    expect(limited).toHaveLength(4);
    const dir = fixtureCopy();
    for (const folder of readdirSync(dir)) {
      for (const f of readdirSync(join(dir, folder)).filter((n) => n.startsWith('results_'))) {
        const json = JSON.parse(readFileSync(join(dir, folder, f), 'utf8'));
        for (const n of Object.values(json['n-samples'] ?? {}) as { original: number; effective: number }[]) n.effective = n.original;
        writeFileSync(join(dir, folder, f), JSON.stringify(json));
      }
    }
    expect(read(dir).warnings.some((x) => x.code === 'partial-run')).toBe(false);
  });
});
