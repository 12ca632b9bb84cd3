/**
 * The public models table datasets/public/per-item-ladders.models.csv: it must parse, each family's
 * ladder must run in increasing params, every row must say where its figures come from, and (when
 * ../shared is present) every model must be a column of a real per-item matrix or one of the
 * held-back models, and the cited lines of ObsScaling and the metadata file must be the right rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelsTable } from '../../src/data/modelsTable.js';
import type { ModelRecord } from '../../src/data/types.js';
import { hasRawData, noRawDataReason, projectRoot, rawPath } from '../helpers/paths.js';

const tableFile = join(projectRoot, 'datasets/public/per-item-ladders.models.csv');
const { table, warnings } = readModelsTable(tableFile);
const models = table.models;

/** The models SOURCE.md of all-the-noises-per-item says were held back (no scores anywhere). */
const HELD_BACK = ['Qwen1.5-32B', 'Qwen1.5-72B', 'Qwen1.5-110B', 'llama_65B', 'qwen3-32b', 'qwen2.5-coder-32b-instruct'];

/** Splits one CSV line (quotes allowed, no newlines inside cells). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The lines of a CSV file, without line ends; index 0 is line 1 (the header). */
const linesOf = (file: string) => readFileSync(file, 'utf8').split(/\r?\n/);

const sourceOf = (m: ModelRecord) => m.extra['source'] ?? '';

describe('datasets/public/per-item-ladders.models.csv', () => {
  it("parses with scalecast's readModelsTable, with no warning other than compute estimated as 6·N·D", () => {
    expect(models.length).toBeGreaterThan(40);
    expect(warnings.every((w) => w.code === 'compute-estimated')).toBe(true);
    expect(models.every((m) => m.family !== undefined && m.params !== undefined)).toBe(true);
  });

  it('every family lists its models in increasing params', () => {
    const byFamily = new Map<string, ModelRecord[]>();
    for (const m of models) byFamily.set(m.family!, [...(byFamily.get(m.family!) ?? []), m]);
    for (const [family, ms] of byFamily) {
      for (let i = 1; i < ms.length; i++) {
        expect(ms[i]!.params!, `${family}: ${ms[i]!.model} after ${ms[i - 1]!.model}`).toBeGreaterThan(ms[i - 1]!.params!);
      }
    }
    // The ladders the brief names, with the sizes it names.
    const sizes = (family: string) => models.filter((m) => m.family === family).map((m) => m.params! / 1e9);
    expect(sizes('Qwen1.5')).toEqual([0.5, 1.8, 4, 7, 14, 32, 72, 110]);
    expect(sizes('Llama-1')).toEqual([6.7, 13, 32.5, 65.2]);
    expect(sizes('Llama-2')).toEqual([7, 13, 70]);
    expect(sizes('Pythia')).toEqual([1, 1.4, 2.8, 6.9, 12]);
    expect(sizes('Qwen3')).toHaveLength(6);
    expect(sizes('Qwen2.5-Coder')).toHaveLength(6);
  });

  it('every row has a non-empty source, and MoE rows say their params are active params', () => {
    for (const m of models) expect(sourceOf(m).trim(), m.model).not.toBe('');
    for (const name of ['Mixtral-8x7B-v0.1', 'Mixtral-8x22B-v0.1', 'deepseek-moe-16b-base', 'DeepSeek-V2', 'dbrx-base']) {
      expect(sourceOf(models.find((m) => m.model === name)!)).toMatch(/ACTIVE params/);
    }
  });

  it('leaves compute and release_date empty (no source in /work/shared states them)', () => {
    expect(models.every((m) => m.compute === undefined || m.computeEstimated)).toBe(true);
    expect(models.every((m) => m.releaseDate === undefined)).toBe(true);
  });
});

describe.skipIf(!hasRawData)('datasets/public/per-item-ladders.models.csv against ../shared', () => {
  if (!hasRawData) it.skip(noRawDataReason, () => {});

  const noises = (...p: string[]) => rawPath('all-the-noises-per-item', ...p);

  it('every model is a column of a per-item matrix, or a held-back model SOURCE.md lists', () => {
    const columns = new Set<string>();
    const configs = readdirSync(noises(), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'aggregate_model_tables');
    expect(configs.map((d) => d.name)).toEqual(expect.arrayContaining(['main', 'lowk_temp1', 'highk_temp0.7']));
    for (const { name: config } of configs) {
      const dir = noises(config);
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.pass1.csv'))) {
        csvCells(linesOf(join(dir, f))[0]!).slice(1).forEach((c) => columns.add(c));
      }
    }
    const source = readFileSync(noises('SOURCE.md'), 'utf8');
    const heldBackSection = source.slice(source.indexOf('## Held back'), source.indexOf('##', source.indexOf('## Held back') + 3));
    for (const name of HELD_BACK) {
      expect(heldBackSection, `${name} is named in SOURCE.md "Held back"`).toContain(name);
      expect(columns.has(name), `${name} is held back, so it has no column`).toBe(false);
    }
    // OPT and BLOOM are named as the model_args of their lm-evaluation-harness results in pythia-evals/raw.
    const harness = new Set<string>();
    for (const family of ['opt', 'bloom']) {
      const d = rawPath('pythia-evals', 'raw', family);
      for (const f of readdirSync(d)) harness.add(/pretrained=([^,]+)/.exec(JSON.parse(readFileSync(join(d, f), 'utf8')).config.model_args)![1]!);
    }
    for (const m of models) {
      expect(columns.has(m.model) || harness.has(m.model) || HELD_BACK.includes(m.model), `${m.model} is a matrix column, a harness model or held back`).toBe(true);
      if (HELD_BACK.includes(m.model)) expect(sourceOf(m)).toMatch(/HELD BACK/);
    }
  });

  it('covers every model of main_base_models_metadata.csv, and its cited lines are the right rows', () => {
    const lines = linesOf(noises('main_base_models_metadata.csv'));
    const names = lines.slice(1).filter((l) => l !== '').map((l) => csvCells(l)[0]!);
    expect(names.filter((n) => !models.some((m) => m.model === n))).toEqual([]);
    for (const m of models) {
      for (const [, line] of sourceOf(m).matchAll(/main_base_models_metadata\.csv line (\d+)/g)) {
        expect(csvCells(lines[Number(line) - 1]!)[0], `${m.model} cites metadata line ${line}`).toBe(m.model);
      }
    }
  });

  it('cited ObsScaling lines are the named models, and figures said to come from them match', () => {
    const lines = linesOf(rawPath('obsscaling', 'base_llm_benchmark_eval.csv'));
    const header = csvCells(lines[0]!);
    const [iModel, iSize, iTokens] = ['Model', 'Model Size (B)', 'Pretraining Data Size (T)'].map((h) => header.indexOf(h));
    let cited = 0;
    for (const m of models) {
      for (const hit of sourceOf(m).matchAll(/(params and tokens|params|tokens)?:? ?ObsScaling obsscaling\/base_llm_benchmark_eval\.csv line (\d+) \(([^)]+)\)/g)) {
        const row = csvCells(lines[Number(hit[2]) - 1]!);
        expect(row[iModel!], `${m.model} cites ObsScaling line ${hit[2]}`).toBe(hit[3]);
        const what = hit[1] ?? '';
        if (what.startsWith('params')) expect(m.params! / 1e9, `${m.model} params`).toBeCloseTo(Number(row[iSize!]), 9);
        if (what.endsWith('tokens')) expect(m.tokens! / 1e12, `${m.model} tokens`).toBeCloseTo(Number(row[iTokens!]), 9);
        cited++;
      }
    }
    expect(cited).toBeGreaterThan(25);
  });
});
