/**
 * Writes the embedded density dataset, `datasets/public/density.models.csv` and
 * `datasets/public/density.scores.csv`, from ObsScaling's table of base-model scores (Open LLM
 * Leaderboard v1 protocol) in `../shared/datasets/raw/obsscaling/` and the release dates below.
 *
 * Release dates are the public announcement dates (blog post, paper or model card) named in each
 * row; Hugging Face upload dates are not used, as uploads are often re-done months later. Mixture-of-
 * experts models are left out (their parameter count is ambiguous for density), and so are models
 * without all five benchmarks.
 *
 * Run: `npx tsx validation/buildDensityTable.ts` (needs ../shared).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvRecords } from '../src/io/readCsvRecords.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..');
const OBS = resolve(ROOT, '../shared/datasets/raw/obsscaling/base_llm_benchmark_eval.csv');
const OBS_NAME = 'ObsScaling eval_results/base_llm_benchmark_eval.csv (github.com/ryoungj/ObsScaling, commit 4d6e1e4)';

/** [ObsScaling model id, family, release date, where the date comes from] */
const MODELS: [string, string, string, string][] = [
  ...['125m', '350m', '1.3b', '2.7b', '6.7b', '13b', '30b', '66b'].map((s): [string, string, string, string] => [`facebook/opt-${s}`, 'OPT', '2022-05-03', 'OPT paper arXiv:2205.01068 and Meta AI blog, May 2022']),
  ...['huggyllama/llama-7b', 'huggyllama/llama-13b', 'huggyllama/llama-30b', 'huggyllama/llama-65b'].map((m): [string, string, string, string] => [m, 'Llama', '2023-02-24', 'Meta AI blog "Introducing LLaMA", 2023-02-24 (arXiv:2302.13971)']),
  ...['70m', '160m', '410m', '1b', '1.4b', '2.8b', '6.9b', '12b'].map((s): [string, string, string, string] => [`EleutherAI/pythia-${s}-deduped`, 'Pythia', '2023-04-03', 'Pythia paper arXiv:2304.01373, 2023-04-03']),
  ['mosaicml/mpt-7b', 'MPT', '2023-05-05', 'MosaicML blog "Introducing MPT-7B", 2023-05-05'],
  ['tiiuae/falcon-7b', 'Falcon', '2023-05-25', 'TII announcement of Falcon 40B/7B, 2023-05-25'],
  ['tiiuae/falcon-40b', 'Falcon', '2023-05-25', 'TII announcement of Falcon 40B/7B, 2023-05-25'],
  ['mosaicml/mpt-30b', 'MPT', '2023-06-22', 'MosaicML blog "MPT-30B", 2023-06-22'],
  ...['7b', '13b', '70b'].map((s): [string, string, string, string] => [`meta-llama/Llama-2-${s}-hf`, 'Llama-2', '2023-07-18', 'Meta AI announcement of Llama 2, 2023-07-18 (arXiv:2307.09288)']),
  ['Qwen/Qwen-7B', 'Qwen', '2023-08-03', 'Qwen-7B release, 2023-08-03 (github.com/QwenLM/Qwen)'],
  ...['7b', '13b', '34b'].map((s): [string, string, string, string] => [`codellama/CodeLlama-${s}-hf`, 'CodeLlama', '2023-08-24', 'Meta AI blog "Introducing Code Llama", 2023-08-24']),
  ['tiiuae/falcon-180B', 'Falcon', '2023-09-06', 'Hugging Face blog "Falcon 180B", 2023-09-06'],
  ['microsoft/phi-1_5', 'Phi', '2023-09-11', 'phi-1.5 paper arXiv:2309.05463, 2023-09-11'],
  ['Qwen/Qwen-14B', 'Qwen', '2023-09-25', 'Qwen-14B release, 2023-09-25 (github.com/QwenLM/Qwen)'],
  ['mistralai/Mistral-7B-v0.1', 'Mistral', '2023-09-27', 'Mistral AI blog "Mistral 7B", 2023-09-27'],
  ['01-ai/Yi-6B', 'Yi', '2023-11-02', '01.AI release of Yi-6B/34B, 2023-11-02 (github.com/01-ai/Yi)'],
  ['01-ai/Yi-34B', 'Yi', '2023-11-02', '01.AI release of Yi-6B/34B, 2023-11-02 (github.com/01-ai/Yi)'],
  ['deepseek-ai/deepseek-llm-7b-base', 'DeepSeek-LLM', '2023-11-29', 'DeepSeek LLM release, 2023-11-29 (github.com/deepseek-ai/DeepSeek-LLM)'],
  ['deepseek-ai/deepseek-llm-67b-base', 'DeepSeek-LLM', '2023-11-29', 'DeepSeek LLM release, 2023-11-29 (github.com/deepseek-ai/DeepSeek-LLM)'],
  ['Qwen/Qwen-72B', 'Qwen', '2023-11-30', 'Qwen-72B release, 2023-11-30 (github.com/QwenLM/Qwen)'],
  ['microsoft/phi-2', 'Phi', '2023-12-12', 'Microsoft Research blog "Phi-2", 2023-12-12'],
  ['Deci/DeciLM-7B', 'DeciLM', '2023-12-12', 'Deci announcement of DeciLM-7B, 2023-12-12'],
  ['internlm/internlm2-7b', 'InternLM2', '2024-01-17', 'InternLM2 release, 2024-01-17 (github.com/InternLM/InternLM)'],
  ['internlm/internlm2-20b', 'InternLM2', '2024-01-17', 'InternLM2 release, 2024-01-17 (github.com/InternLM/InternLM)'],
  ['stabilityai/stablelm-2-1_6b', 'StableLM-2', '2024-01-19', 'Stability AI announcement of Stable LM 2 1.6B, 2024-01-19'],
  ['codellama/CodeLlama-70b-hf', 'CodeLlama', '2024-01-29', 'Meta AI announcement of Code Llama 70B, 2024-01-29'],
  ['allenai/OLMo-1B-hf', 'OLMo', '2024-02-01', 'AI2 release of OLMo, 2024-02-01 (arXiv:2402.00838)'],
  ['allenai/OLMo-7B-hf', 'OLMo', '2024-02-01', 'AI2 release of OLMo, 2024-02-01 (arXiv:2402.00838)'],
  ...['0.5B', '1.8B', '4B', '7B', '14B', '72B'].map((s): [string, string, string, string] => [`Qwen/Qwen1.5-${s}`, 'Qwen1.5', '2024-02-05', 'Qwen blog "Introducing Qwen1.5", 2024-02-05']),
  ['google/gemma-2b', 'Gemma', '2024-02-21', 'Google blog "Gemma: Introducing new state-of-the-art open models", 2024-02-21'],
  ['google/gemma-7b', 'Gemma', '2024-02-21', 'Google blog "Gemma: Introducing new state-of-the-art open models", 2024-02-21'],
  ...['3b', '7b', '15b'].map((s): [string, string, string, string] => [`bigcode/starcoder2-${s}`, 'StarCoder2', '2024-02-28', 'BigCode release of StarCoder2, 2024-02-28 (arXiv:2402.19173)']),
  ['Qwen/Qwen1.5-32B', 'Qwen1.5', '2024-04-02', 'Qwen blog "Qwen1.5-32B", 2024-04-02'],
  ['Qwen/Qwen1.5-110B', 'Qwen1.5', '2024-04-25', 'Qwen blog "Qwen1.5-110B", 2024-04-25'],
  ...['6B', '9B', '34B'].map((s): [string, string, string, string] => [`01-ai/Yi-1.5-${s}`, 'Yi-1.5', '2024-05-13', '01.AI release of Yi-1.5, 2024-05-13 (github.com/01-ai/Yi-1.5)']),
  ...['0.5B', '1.5B', '7B', '72B'].map((s): [string, string, string, string] => [`Qwen/Qwen2-${s}`, 'Qwen2', '2024-06-07', 'Qwen blog "Hello Qwen2", 2024-06-07']),
  ['google/gemma-2-9b', 'Gemma-2', '2024-06-27', 'Google blog "Gemma 2 is now available", 2024-06-27'],
  ['google/gemma-2-27b', 'Gemma-2', '2024-06-27', 'Google blog "Gemma 2 is now available", 2024-06-27'],
  ...['135M', '360M', '1.7B'].map((s): [string, string, string, string] => [`HuggingFaceTB/SmolLM-${s}`, 'SmolLM', '2024-07-16', 'Hugging Face blog "SmolLM", 2024-07-16']),
  ['mistralai/Mistral-Nemo-Base-2407', 'Mistral', '2024-07-18', 'Mistral AI blog "Mistral NeMo", 2024-07-18'],
  ['meta-llama/Meta-Llama-3.1-8B', 'Llama-3.1', '2024-07-23', 'Meta AI blog "Introducing Llama 3.1", 2024-07-23'],
  ['meta-llama/Meta-Llama-3.1-70B', 'Llama-3.1', '2024-07-23', 'Meta AI blog "Introducing Llama 3.1", 2024-07-23'],
  ['google/gemma-2-2b', 'Gemma-2', '2024-07-31', 'Google Developers blog "Smaller, safer, more transparent: Gemma 2 2B", 2024-07-31'],
];

/** Benchmark columns of ObsScaling and the names scalecast gives them. */
const BENCHMARKS: [string, string][] = [
  ['MMLU', 'mmlu'],
  ['ARC-C', 'arc_challenge'],
  ['HellaSwag', 'hellaswag'],
  ['Winograd', 'winogrande'],
  ['GSM8K', 'gsm8k'],
];

const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const size = (billions: string) => {
  const v = Number(billions);
  return v >= 1 ? `${Number(v.toPrecision(4))}B` : `${Number((v * 1000).toPrecision(4))}M`;
};

const rows = new Map(readCsvRecords(OBS).map((r) => [r.values['Model']!, r] as const));

const models: string[] = ['model,family,params,tokens,release_date,source'];
const scores: string[] = ['model,benchmark,score,source'];
for (const [id, family, date, dateSource] of MODELS) {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`${id} is not in ${OBS}`);
  const v = row.values;
  const name = id.split('/')[1]!;
  const missing = BENCHMARKS.filter(([c]) => (v[c] ?? '').trim() === '');
  if (missing.length > 0) throw new Error(`${id} has no ${missing.map(([c]) => c).join(', ')}`);
  const tokens = (v['Pretraining Data Size (T)'] ?? '').trim();
  models.push(
    [
      name,
      family,
      size(v['Model Size (B)']!),
      tokens === '' ? '' : `${Number(tokens)}T`,
      date,
      csv(`params${tokens === '' ? '' : ' and tokens'}: ${OBS_NAME} line ${row.line} (${id}); release date: ${dateSource}`),
    ].join(','),
  );
  for (const [c, b] of BENCHMARKS) scores.push([name, b, Number(v[c]).toFixed(6), csv(`${OBS_NAME} line ${row.line}, column ${c}`)].join(','));
}
writeFileSync(join(ROOT, 'datasets/public/density.models.csv'), `${models.join('\n')}\n`);
writeFileSync(join(ROOT, 'datasets/public/density.scores.csv'), `${scores.join('\n')}\n`);
process.stderr.write(`wrote ${models.length - 1} models and ${scores.length - 1} scores\n`);
