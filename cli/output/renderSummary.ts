/** Text output of `inspect` (and of the main job's first part). */
import type { DatasetSummary } from '../../src/data/summarizeDataset.js';
import { locationText } from '../../src/io/inputError.js';
import { formatQuantity } from '../../src/io/quantity.js';
import { fixed, formatTable, sci } from './textTable.js';

/** The text report of `inspect`. */
export function renderSummary(s: DatasetSummary, digits = 4): string {
  const out: string[] = [];
  out.push(`Models (${s.models.length}, by ${s.orderedBy})`);
  out.push(
    formatTable(
      [
        { header: 'model' },
        { header: 'family' },
        { header: 'params', right: true },
        { header: 'tokens', right: true },
        { header: 'compute (FLOPs)', right: true },
        { header: 'step', right: true },
        { header: 'released' },
        { header: 'benchmarks', right: true },
      ],
      s.models.map((m) => [
        m.model,
        m.family ?? '',
        formatQuantity(m.params),
        formatQuantity(m.tokens),
        m.compute === undefined ? '' : `${sci(m.compute)}${m.computeEstimated ? '*' : ''}`,
        m.step === undefined ? '' : String(m.step),
        m.releaseDate ?? '',
        String(m.benchmarks),
      ]),
    ),
  );
  if (s.models.some((m) => m.computeEstimated)) out.push('* compute estimated as 6 · params · tokens');
  out.push('');
  out.push(`Benchmarks (${s.benchmarks.length})`);
  out.push(
    formatTable(
      [
        { header: 'benchmark' },
        { header: 'data' },
        { header: 'items', right: true },
        { header: 'models', right: true },
        { header: 'coverage', right: true },
        { header: 'trials', right: true },
        { header: 'unsolved', right: true },
      ],
      s.benchmarks.map((b) => [
        b.benchmark,
        b.kind === 'items' ? 'per item' : 'aggregate',
        b.kind === 'items' ? String(b.items) : '',
        String(b.models),
        b.kind === 'items' ? `${(100 * b.coverage).toFixed(1)}%` : '',
        b.trials === null ? (b.kind === 'items' ? '1' : '') : b.trials.min === b.trials.max ? String(b.trials.min) : `${b.trials.min}–${b.trials.max}`,
        b.kind === 'items' ? String(b.unsolved) : '',
      ]),
    ),
  );
  out.push('');
  out.push(...renderScorePivot(s, digits));
  // Names may hold commas (lm-evaluation-harness writes "exact_match,flexible-extract"), hence "; ".
  if (s.metrics.length > 0) out.push(`Other metrics in aggregate rows: ${s.metrics.join('; ')}`, '');
  out.push(s.warnings.length === 0 ? 'No warnings.' : `Warnings (${s.warnings.length})`);
  for (const w of s.warnings) out.push(`- ${w.file ? `${locationText(w.file, w.line)}: ` : ''}${w.message}`);
  return `${out.join('\n')}\n`;
}

/** Model × benchmark scores, split into blocks of columns that fit a terminal. */
function renderScorePivot(s: DatasetSummary, digits: number): string[] {
  const out: string[] = [];
  const benches = s.benchmarks.map((b) => b.benchmark);
  const cell = new Map(s.scores.map((x) => [`${x.model}\u0000${x.benchmark}`, x] as const));
  const models = s.models.filter((m) => m.benchmarks > 0).map((m) => m.model);
  const nameWidth = Math.max(5, ...models.map((m) => m.length));
  const perBlock = Math.max(1, Math.floor((110 - nameWidth) / Math.max(digits + 5, 12)));
  out.push('Scores (mean over the items each model has; aggregate rows marked ᵃ)');
  for (let start = 0; start < benches.length; start += perBlock) {
    const block = benches.slice(start, start + perBlock);
    out.push(
      formatTable(
        [{ header: 'model' }, ...block.map((b) => ({ header: b, right: true }))],
        models.map((m) => [
          m,
          ...block.map((b) => {
            const x = cell.get(`${m}\u0000${b}`);
            return x === undefined ? '—' : `${fixed(x.score, digits)}${x.from === 'aggregate' ? 'ᵃ' : ''}`;
          }),
        ]),
      ),
    );
    out.push('');
  }
  if (benches.length === 0) out.push('(no scores)', '');
  return out;
}
