/**
 * Benchmark groups: subtasks combined into the group's score, as MMLU's 57 `hendrycksTest-*`
 * subjects make MMLU (`--group mmlu='hendrycksTest-*'`).
 *
 * - Members: the benchmarks whose names match the glob (`*` any run of characters, `?` one
 *   character), or, for a group given by name alone (`--group mmlu`), the subtasks an
 *   lm-evaluation-harness results file lists for it (v0.4 `group_subtasks`, flattened to tasks that
 *   are not groups). A group that matches nothing is an error.
 * - Score: where every member has per-item scores, the members' items make one item matrix (item
 *   ids `<subtask>/<item>`), so the group's score is the mean over all its items and COD clusters
 *   them together; otherwise the mean over subtasks of each member's score (its aggregate score, or
 *   the mean of its items).
 * - A model that lacks some member gets no group score (a mean over fewer subtasks would be biased
 *   by which ones it has): one `incomplete-group` warning per group counts them and names a few.
 * - The members are replaced by the group; a benchmark already named like the group (the harness's
 *   own group row) is replaced too, and so are the rows of the harness groups nested in it.
 */
import { UsageError } from '../core/userError.js';
import type { DataWarning } from '../io/inputError.js';
import { cellIndex } from './types.js';
import type { AggregateScore, Dataset, ItemMatrix } from './types.js';

/** One group: its name, and its members' glob (absent: the harness's own definition). */
export interface BenchmarkGroup {
  name: string;
  pattern?: string;
}

/**
 * Parses `name=glob` or `name`; `undefined` for an empty name or glob.
 *
 * @example parseGroup("mmlu=hendrycksTest-*") // => { name: 'mmlu', pattern: 'hendrycksTest-*' }
 */
export function parseGroup(text: string): BenchmarkGroup | undefined {
  const eq = text.indexOf('=');
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (name === '') return undefined;
  if (eq < 0) return { name };
  const pattern = text.slice(eq + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
  return pattern === '' ? undefined : { name, pattern };
}

/** A glob (`*`, `?`) as a whole-name regular expression. */
export function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** How many models a warning names before "and N more". */
const NAMED = 3;

/**
 * Replaces each group's members by the group.
 *
 * @param defined groups read from harness results files, by name
 * @throws UsageError for a group that matches no benchmark, or one given by name alone that no
 *   results file defines
 */
export function groupBenchmarks(data: Dataset, groups: readonly BenchmarkGroup[], defined: Record<string, string[]> = {}): Dataset {
  let itemScores = [...data.itemScores];
  let aggregates = [...data.aggregates];
  const warnings: DataWarning[] = [...data.warnings];
  for (const g of groups) {
    const names = [...new Set([...itemScores.map((m) => m.benchmark), ...aggregates.map((a) => a.benchmark)])].sort();
    const members = memberNames(g, names, defined);
    const memberSet = new Set(members);
    const matrices = itemScores.filter((m) => memberSet.has(m.benchmark));
    const parts = aggregates.filter((a) => memberSet.has(a.benchmark));
    // The group's own row (the harness's aggregate), and for a harness group its nested groups' rows
    // (`mmlu_stem` inside `mmlu`), give way to the group computed here.
    const nested = g.pattern === undefined ? Object.keys(defined).filter((k) => k !== g.name && defined[k]!.length > 0 && defined[k]!.every((t) => defined[g.name]!.includes(t))) : [];
    const isGroupRow = (b: string) => (b === g.name || nested.includes(b)) && !memberSet.has(b);
    itemScores = itemScores.filter((m) => !memberSet.has(m.benchmark) && !isGroupRow(m.benchmark));
    aggregates = aggregates.filter((a) => !memberSet.has(a.benchmark) && !isGroupRow(a.benchmark));
    const perItem = members.every((b) => matrices.some((m) => m.benchmark === b));
    const scores = memberScores(members, matrices, parts);
    const complete = [...scores].filter(([, byMember]) => byMember.size === members.length).map(([model]) => model);
    const incomplete = [...scores].filter(([, byMember]) => byMember.size < members.length);
    if (incomplete.length > 0) {
      const named = incomplete.slice(0, NAMED).map(([model, byMember]) => `${model} lacks ${members.length - byMember.size}`).join(', ');
      warnings.push({
        code: 'incomplete-group',
        message: `${g.name}: ${incomplete.length} of ${scores.size} models lack some of its ${members.length} subtasks and get no ${g.name} score (${named}${incomplete.length > NAMED ? `, and ${incomplete.length - NAMED} more` : ''})`,
      });
    }
    if (perItem) {
      itemScores.push(mergeMatrices(g.name, members.map((b) => matrices.find((m) => m.benchmark === b)!), complete));
    } else {
      for (const model of complete) {
        const byMember = scores.get(model)!;
        const mean = [...byMember.values()].reduce((s, v) => s + v, 0) / members.length;
        const first = parts.find((a) => a.model === model);
        aggregates.push({ model, benchmark: g.name, score: mean, metrics: {}, source: first?.source ?? matrices[0]?.sources[0] ?? '', line: 0 });
      }
    }
  }
  itemScores.sort((a, b) => (a.benchmark < b.benchmark ? -1 : a.benchmark > b.benchmark ? 1 : 0));
  return { ...data, itemScores, aggregates, warnings };
}

/** The members of a group among the benchmarks `names`. */
function memberNames(g: BenchmarkGroup, names: readonly string[], defined: Record<string, string[]>): string[] {
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, … (${names.length} in all)` : names.join(', ');
  if (g.pattern === undefined) {
    const subtasks = defined[g.name];
    if (subtasks === undefined) {
      const known = Object.keys(defined);
      throw new UsageError(
        `--group ${g.name}: no lm-evaluation-harness results file defines a group "${g.name}"; ${known.length > 0 ? `groups defined: ${known.join(', ')}; ` : ''}give its subtasks as ${g.name}=PATTERN, e.g. ${g.name}='hendrycksTest-*'`,
      );
    }
    const present = subtasks.filter((t) => names.includes(t));
    if (present.length === 0) throw new UsageError(`--group ${g.name}: none of its ${subtasks.length} subtasks (${subtasks.slice(0, 3).join(', ')}, …) has scores`);
    return present;
  }
  const re = globRegExp(g.pattern);
  const members = names.filter((b) => re.test(b));
  if (members.length === 0) throw new UsageError(`--group ${g.name}=${g.pattern}: the pattern matches no benchmark; the benchmarks are ${shown}`);
  return members;
}

/** Per model, per member: its score (the mean of its items where it has a matrix, else its aggregate score). */
function memberScores(members: readonly string[], matrices: readonly ItemMatrix[], parts: readonly AggregateScore[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const set = (model: string, b: string, v: number) => {
    let m = out.get(model);
    if (m === undefined) out.set(model, (m = new Map()));
    if (!m.has(b)) m.set(b, v);
  };
  for (const m of matrices) {
    m.models.forEach((model, j) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < m.items.length; i++) {
        const v = m.scores[cellIndex(m, i, j)]!;
        if (!Number.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      if (n > 0) set(model, m.benchmark, sum / n);
    });
  }
  for (const a of parts) if (a.score !== undefined && members.includes(a.benchmark)) set(a.model, a.benchmark, a.score);
  return out;
}

/** One matrix of the members' items (`<member>/<item>`) for the models that have every member. */
function mergeMatrices(name: string, members: readonly ItemMatrix[], models: readonly string[]): ItemMatrix {
  const items = members.flatMap((m) => m.items.map((i) => `${m.benchmark}/${i}`));
  const scores = new Float64Array(items.length * models.length).fill(NaN);
  const withTrials = members.some((m) => m.trials !== null);
  const trials = withTrials ? new Uint32Array(items.length * models.length) : null;
  let row = 0;
  for (const m of members) {
    const col = models.map((model) => m.models.indexOf(model));
    for (let i = 0; i < m.items.length; i++, row++) {
      col.forEach((j, k) => {
        if (j < 0) return;
        const c = cellIndex(m, i, j);
        scores[row * models.length + k] = m.scores[c]!;
        if (trials !== null) trials[row * models.length + k] = m.trials?.[c] ?? (Number.isNaN(m.scores[c]!) ? 0 : 1);
      });
    }
  }
  return { benchmark: name, items, models: [...models], scores, trials, sources: [...new Set(members.flatMap((m) => m.sources))] };
}
