/**
 * Fixtures and corruptions for the command-line property test (commandProperties.test.ts): tiny
 * valid inputs (a ladder of 6 models plus an anchor on 2 benchmarks of 30 items, a fit table, a
 * density table with release dates, an evaluation corpus, a simulated folder for `main`) and
 * fast-check arbitraries that corrupt them: dropped or duplicated columns, junk cells, truncation,
 * other separators, BOM, CRLF, empty files, unknown model names, wrong extensions.
 */
import fc from 'fast-check';

/** In file contents, stands for the byte 0xFF (never valid UTF-8); everything else is written as UTF-8. */
export const RAW_FF = '\uFFFF';

/** Files of one run: name → content. The argv names them by placeholder (`@scores` → the file's name). */
export type Files = Record<string, string>;

const SIZES = [0.1, 0.2, 0.4, 0.8, 1.6, 3.2];
const round = (v: number, d = 4) => Number(v.toFixed(d));

/** Models table of the ladder: lad-0 … lad-5 (family lad), the target lad-big, the anchor anc-2b. */
export const LADDER_MODELS = `model,family,params,tokens\n${SIZES.map((s, i) => `lad-${i},lad,${s}B,${round(s * 20)}B`).join('\n')}\nlad-big,lad,30B,600B\nanc-2b,anc,2B,20B\n`;

/** Long per-item scores: gen (pass rates of 10 trials, 40 items in 2 groups) and mc (0/1, 30 items), the ladder and the anchor. */
export const LADDER_SCORES = (() => {
  const rows = ['model,benchmark,item,score,trials'];
  const scored = [...SIZES.map((s, i) => [`lad-${i}`, s] as const), ['anc-2b', 0.5] as const];
  for (const bench of ['gen', 'mc']) {
    for (let i = 0; i < (bench === 'gen' ? 40 : 30); i++) {
      for (const [m, s] of scored) {
        const p = 1 / (1 + Math.exp(-(1.2 * Math.log(s) + [1.5, -0.5][i % 2]! + ((i % 5) - 2) * 0.02)));
        const v = bench === 'gen' ? Math.round(p * 10) / 10 : ((i * 7 + s * 13) % 10) / 10 < p ? 1 : 0;
        rows.push(`${m},${bench},${bench}-${i},${v},${bench === 'gen' ? 10 : 1}`);
      }
    }
  }
  return `${rows.join('\n')}\n`;
})();

/** The gen benchmark of {@link LADDER_SCORES} as a wide file (an item column, one column per model). */
export const LADDER_WIDE = (() => {
  const lines = LADDER_SCORES.trim().split('\n').slice(1).map((l) => l.split(',')).filter((f) => f[1] === 'gen');
  const models = [...new Set(lines.map((f) => f[0]!))];
  const items = [...new Set(lines.map((f) => f[2]!))];
  const at = new Map(lines.map((f) => [`${f[0]}|${f[2]}`, f[3]!]));
  return `item,${models.join(',')}\n${items.map((i) => `${i},${models.map((m) => at.get(`${m}|${i}`)).join(',')}`).join('\n')}\n`;
})();

/** The means of {@link LADDER_SCORES} as aggregate rows: model,benchmark,score. */
export const LADDER_AGGREGATE = (() => {
  const sums = new Map<string, [number, number]>();
  for (const f of LADDER_SCORES.trim().split('\n').slice(1).map((l) => l.split(','))) {
    const k = `${f[0]},${f[1]}`;
    const [s, n] = sums.get(k) ?? [0, 0];
    sums.set(k, [s + Number(f[3]), n + 1]);
  }
  return `model,benchmark,score\n${[...sums].map(([k, [s, n]]) => `${k},${round(s / n)}`).join('\n')}\n`;
})();

/** A points table for `fit` and `plot chinchilla`: params, tokens, compute, loss, score, t. */
export const FIT_TABLE = (() => {
  const rows = ['params,tokens,compute,loss,score,t'];
  let t = 0;
  for (const n of [1e8, 3e8, 1e9, 3e9]) {
    for (const r of [10, 20, 40]) {
      const d = n * r;
      const loss = 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28;
      rows.push(`${n},${d},${6 * n * d},${round(loss)},${round(0.25 + 0.7 / (1 + Math.exp(-(Math.log10(6 * n * d) - 20))))},${t++}`);
    }
  }
  return `${rows.join('\n')}\n`;
})();

/** Models table for `density`: a reference family ref (5 sizes) and others with release dates. */
export const DENSITY_MODELS = (() => {
  const rows = ['model,family,params,tokens,release_date'];
  [0.5, 1.8, 4, 7, 14].forEach((p, i) => rows.push(`ref-${p}b,ref,${p}B,3T,2024-02-0${i + 1}`));
  ['2023-03-01', '2023-07-15', '2023-12-01', '2024-05-20', '2024-09-30'].forEach((d, i) => rows.push(`oth-${i},oth,${[7, 7, 3, 2, 1][i]}B,2T,${d}`));
  return `${rows.join('\n')}\n`;
})();

/** Aggregate scores for `density`: mmlu and arc_challenge. */
export const DENSITY_SCORES = (() => {
  const rows = ['model,benchmark,score'];
  const ref = [0.5, 1.8, 4, 7, 14];
  ref.forEach((p) => {
    rows.push(`ref-${p}b,mmlu,${round(0.25 + 0.5 / (1 + Math.exp(-(Math.log(p) - 1.2))))}`);
    rows.push(`ref-${p}b,arc_challenge,${round(0.22 + 0.5 / (1 + Math.exp(-(Math.log(p) - 0.8))))}`);
  });
  [0.45, 0.5, 0.52, 0.55, 0.56].forEach((s, i) => {
    rows.push(`oth-${i},mmlu,${s}`);
    rows.push(`oth-${i},arc_challenge,${round(s - 0.03)}`);
  });
  return `${rows.join('\n')}\n`;
})();

/** An aggregate table of 3 lineages × 5 sizes for the evaluation corpus. */
export const CORPUS_TABLE = (() => {
  const rows = ['model,family,params_b,mc,gen'];
  for (let f = 0; f < 3; f++) {
    for (const s of [0.1, 0.3, 1, 3, 10]) {
      const z = Math.log10(s) + f * 0.3;
      rows.push(`fam${f}-${s}B,fam${f},${s},${round(0.25 + 0.75 / (1 + Math.exp(-(z * 1.3 - 0.5))))},${round(1 / (1 + Math.exp(-(z * 1.1 - 1.5))))}`);
    }
  }
  return `${rows.join('\n')}\n`;
})();

/** The corpus manifest; its source path is the placeholder `@table`, replaced by the table's name. */
export const CORPUS_MANIFEST = JSON.stringify(
  {
    corpus: 'tiny',
    sources: { s: { format: 'table', path: '@table', model: 'model', benchmarks: { mc: 'mc', gen: 'gen' }, family: 'family', params: { column: 'params_b', scale: 1e9 }, guess: { mc: 0.25, gen: 0 } } },
    ladders: [0, 1, 2].map((f) => ({ id: `fam${f}`, lineage: `fam${f}`, source: 's', family: `fam${f}` })),
  },
  null,
  2,
);

/** Junk for cells and option values: text, NaN, n/a, empty, negatives, overflow, percentages, odd numerals. */
export const JUNK = [
  '', ' ', 'x', 'abc', 'NaN', 'nan', 'n/a', 'NA', 'null', 'None', 'undefined', '-', '-1', '-0', '-0.5', '0', '1', '2', '1.5', '87', '50%', '0.5%',
  '1e400', '-1e400', '1e-400', 'Infinity', '-Infinity', 'inf', '1e308', '9'.repeat(30), '0x10', '1_000', '1,5', ' 0.5 ', '٣', '３', '½', '70B', '1.4T',
  '2024-13-45', '2024-02-30', '0000-00-00', 'true', '{}', '[]', '"', "'", '\\', '=1+1', '@', '✓', '🙂', 'é', 'a\u0000b',
] as const;

export const junk = fc.constantFrom(...JUNK);

/** A corruption of a table's text. */
export type Corruption =
  | { op: 'dropColumn' | 'duplicateColumn' | 'renameHeader'; col: number; text?: string }
  | { op: 'junkCell'; row: number; col: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'separator'; sep: string }
  | { op: 'bom' | 'crlf' | 'cr' | 'empty' | 'headerOnly' | 'blankLines' | 'shuffleRows' | 'unbalancedQuote' | 'extraColumn' | 'noFinalNewline' | 'json' | 'whitespace' }
  | { op: 'dropRows' | 'duplicateRows'; from: number; count: number }
  | { op: 'unknownModel'; row: number; name: string }
  | { op: 'dropWhere'; col: number; k: number; firstHalf: boolean }
  | { op: 'binary'; bytes: number[] };

const idx = fc.nat({ max: 200 });

export const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ op: fc.constantFrom('dropColumn' as const, 'duplicateColumn' as const), col: idx }),
  fc.record({ op: fc.constant('renameHeader' as const), col: idx, text: fc.oneof(junk, fc.constantFrom('model', 'Model', 'MODEL ', 'score', 'params', 'item', 'benchmark', 'family')) }),
  { arbitrary: fc.record({ op: fc.constant('junkCell' as const), row: idx, col: idx, text: junk }), weight: 4 },
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('separator' as const), sep: fc.constantFrom(';', '\t', '|', ' ', ', ') }),
  fc.record({ op: fc.constantFrom('bom' as const, 'crlf' as const, 'cr' as const, 'empty' as const, 'headerOnly' as const, 'blankLines' as const, 'shuffleRows' as const, 'unbalancedQuote' as const, 'extraColumn' as const, 'noFinalNewline' as const, 'json' as const, 'whitespace' as const) }),
  fc.record({ op: fc.constantFrom('dropRows' as const, 'duplicateRows' as const), from: idx, count: fc.integer({ min: 1, max: 60 }) }),
  { arbitrary: fc.record({ op: fc.constant('unknownModel' as const), row: idx, name: fc.oneof(fc.constantFrom('ghost', 'lad-9', 'LAD-0', 'lad-0 ', '', 'lad-big'), fc.string({ maxLength: 6 })) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('dropWhere' as const), col: fc.nat({ max: 2 }), k: idx, firstHalf: fc.boolean() }), weight: 2 },
  fc.record({ op: fc.constant('binary' as const), bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 24 }) }),
);

/** Splits a CSV line on commas outside quotes (the fixtures have no quoted commas, junk may add quotes). */
const cells = (line: string) => line.split(',');

/** Applies a corruption to CSV text (line-based; ops past the end wrap around). */
export function corrupt(text: string, c: Corruption): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const rows = lines.map(cells);
  const width = rows[0]?.length ?? 1;
  const join = (rs: string[][]) => `${rs.map((r) => r.join(',')).join('\n')}\n`;
  switch (c.op) {
    case 'dropColumn':
      return join(rows.map((r) => r.filter((_, j) => j !== c.col % width)));
    case 'duplicateColumn':
      return join(rows.map((r) => [...r, r[c.col % width] ?? '']));
    case 'renameHeader':
      return join(rows.map((r, i) => (i === 0 ? r.map((v, j) => (j === c.col % width ? c.text! : v)) : r)));
    case 'junkCell': {
      const i = rows.length > 1 ? 1 + (c.row % (rows.length - 1)) : 0;
      return join(rows.map((r, k) => (k === i ? r.map((v, j) => (j === c.col % r.length ? c.text : v)) : r)));
    }
    case 'unknownModel': {
      const i = rows.length > 1 ? 1 + (c.row % (rows.length - 1)) : 0;
      return join(rows.map((r, k) => (k === i ? [c.name, ...r.slice(1)] : r)));
    }
    case 'truncate':
      return text.slice(0, Math.floor(text.length * c.at));
    case 'separator':
      return text.replaceAll(',', c.sep);
    case 'bom':
      return `\uFEFF${text}`;
    case 'crlf':
      return text.replaceAll('\n', '\r\n');
    case 'cr':
      return text.replaceAll('\n', '\r');
    case 'empty':
      return '';
    case 'whitespace':
      return ' \n\t\n';
    case 'headerOnly':
      return `${lines[0]}\n`;
    case 'blankLines':
      return join(rows.flatMap((r, i) => (i % 3 === 1 ? [[''], r] : [r])));
    case 'shuffleRows':
      return join([rows[0]!, ...rows.slice(1).reverse()]);
    case 'unbalancedQuote':
      return join(rows.map((r, i) => (i === Math.min(2, rows.length - 1) ? [`"${r[0]}`, ...r.slice(1)] : r)));
    case 'extraColumn':
      return join(rows.map((r, i) => [...r, i === 0 ? 'extra' : String(i)]));
    case 'noFinalNewline':
      return text.replace(/\n+$/, '');
    case 'json':
      return rows.slice(1).map((r) => JSON.stringify(Object.fromEntries(rows[0]!.map((h, j) => [h, r[j]])))).join('\n');
    case 'dropRows':
      return join(rows.filter((_, i) => i === 0 || i < 1 + c.from % Math.max(1, rows.length - 1) || i >= 1 + (c.from % Math.max(1, rows.length - 1)) + c.count));
    case 'duplicateRows':
      return join([...rows, ...rows.slice(1 + (c.from % Math.max(1, rows.length - 1)), 1 + (c.from % Math.max(1, rows.length - 1)) + c.count)]);
    case 'dropWhere': {
      // Drop the rows holding the k-th distinct value of a column (a model, a benchmark), in all rows or the first half.
      const values = [...new Set(rows.slice(1).map((r) => r[c.col % width]))];
      const v = values[c.k % Math.max(1, values.length)];
      const half = c.firstHalf ? Math.ceil(rows.length / 2) : rows.length;
      return join(rows.filter((r, i) => i === 0 || i >= half || r[c.col % width] !== v));
    }
    case 'binary':
      return text + c.bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : RAW_FF)).join('');
  }
}

/** A file, maybe corrupted (half the time not), maybe under another extension. */
export interface FileVariant {
  ext: string;
  corruptions: Corruption[];
}

export const EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.txt', '', '.json', '.CSV', '.parquet', '.tab', '.ndjson', '.pass1.csv'];

export function fileVariant(clean = 0.5): fc.Arbitrary<FileVariant> {
  return fc.oneof(
    { arbitrary: fc.constant({ ext: '.csv', corruptions: [] as Corruption[] }), weight: Math.round(clean * 100) },
    { arbitrary: fc.record({ ext: fc.constantFrom(...EXTENSIONS), corruptions: fc.array(corruption, { minLength: 1, maxLength: 3 }) }), weight: Math.round((1 - clean) * 70) },
    { arbitrary: fc.record({ ext: fc.constantFrom(...EXTENSIONS.slice(1)), corruptions: fc.constant([] as Corruption[]) }), weight: Math.round((1 - clean) * 30) },
  );
}

/** The file `stem + ext` holding `text` corrupted as `v` says. */
export function materialize(stem: string, text: string, v: FileVariant): [string, string] {
  let t = text;
  for (const c of v.corruptions) t = corrupt(t, c);
  return [`${stem}${v.ext}`, t];
}

/** A corruption of a JSON file: a value replaced by junk or removed (the k-th node), or a text corruption. */
export type JsonCorruption = { op: 'value'; node: number; value: unknown } | { op: 'remove'; node: number } | Corruption;

const jsonJunk = fc.constantFrom<unknown>(null, -1, 0, 1, 1e308, 'x', '', [], {}, [1, 2], true, 'NaN', 0.5, 2, { a: 1 });

export const jsonCorruption: fc.Arbitrary<JsonCorruption> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('value' as const), node: fc.nat({ max: 400 }), value: jsonJunk }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), node: fc.nat({ max: 400 }) }) },
  { weight: 1, arbitrary: corruption },
);

/** Applies a JSON corruption: nodes are numbered depth-first over objects' and arrays' entries. */
export function corruptJson(text: string, c: JsonCorruption): string {
  if (c.op !== 'value' && c.op !== 'remove') return corrupt(text, c);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      slots.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
      walk(x);
    }
  };
  walk(json);
  if (slots.length === 0) return text;
  const [parent, key] = slots[c.node % slots.length]!;
  if (c.op === 'value') (parent as Record<string | number, unknown>)[key] = c.value;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key as string];
  return JSON.stringify(json, null, 2);
}

export function jsonVariant(clean = 0.5): fc.Arbitrary<JsonCorruption[]> {
  return fc.oneof({ weight: Math.round(clean * 100), arbitrary: fc.constant([] as JsonCorruption[]) }, { weight: Math.round((1 - clean) * 100), arbitrary: fc.array(jsonCorruption, { minLength: 1, maxLength: 2 }) });
}

export function materializeJson(name: string, text: string, cs: readonly JsonCorruption[]): [string, string] {
  return [name, cs.reduce(corruptJson, text)];
}

/** A short description of a file's corruptions. */
export function noteOf(name: string, cs: readonly (Corruption | JsonCorruption)[], ext?: string): string {
  return `${name}${ext !== undefined && ext !== '.csv' ? ` as ${JSON.stringify(ext)}` : ''}: ${cs.length === 0 ? 'clean' : cs.map((c) => JSON.stringify(c)).join(', ')}`;
}
