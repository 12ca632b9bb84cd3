/**
 * The layering rule of docs/architecture.md, checked on the source itself: every relative import
 * (static `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')`) of
 * every .ts file under src/, cli/, bench/ and validation/ is resolved to its folder and judged.
 *
 *   cli/            → anything under src/ (command files never import each other)
 *   src/index.ts    → anything under src/
 *   src/app/        → the domain, io, core
 *   the domain      → lower domain tiers (never a peer or a higher tier), io, core
 *   src/io/         → core
 *   src/core/       → nothing outside itself
 *   bench/, validation/ → anything but cli/
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/paths.js';

/**
 * The domain folders of src/, lowest tier first. A folder may import folders of lower tiers only —
 * not its peers, not higher tiers — so a new cycle between domain folders cannot pass. Derived from
 * the imports as they are: data → io; fit → core; cluster → data; simulate → data; density → fit;
 * predict → cluster, data, fit; charts → density, fit, predict; monitor → data, io, core.
 */
const DOMAIN_TIERS: readonly (readonly string[])[] = [
  ['data', 'fit'],
  ['cluster', 'simulate', 'density', 'monitor'],
  ['predict'],
  ['charts'],
];

/** Rank of each src/ layer: a src/ file may import only its own folder or a lower rank. */
const RANK = new Map<string, number>([
  ['core', 0],
  ['io', 1],
  ...DOMAIN_TIERS.flatMap((tier, i) => tier.map((folder) => [folder, 2 + i] as [string, number])),
  ['app', 2 + DOMAIN_TIERS.length],
  ['index.ts', 3 + DOMAIN_TIERS.length],
]);
const DOMAIN = new Set(DOMAIN_TIERS.flat());

const SCANNED = ['src', 'cli', 'bench', 'validation'] as const;

type Group = 'layers' | 'commands' | 'tools';

interface Violation {
  from: string;
  to: string;
  rule: string;
  group: Group;
}

/** Where a repository-relative path sits: `src/<folder>` as its folder name, `cli`, `bench`, …. */
function place(path: string): { top: string; folder: string } {
  const parts = path.split('/');
  const top = parts[0]!;
  return { top, folder: top === 'src' ? parts[1] ?? '' : parts.length > 2 ? parts[1]! : '' };
}

function tierOf(folder: string): number {
  return DOMAIN_TIERS.findIndex((tier) => tier.includes(folder));
}

/** Every file under cli/commands/ is a command; helpers the commands share live in cli/ or cli/output/. */
const isCommandFile = (path: string) => path.startsWith('cli/commands/');

/** Judges one import `from` → `to` (repository-relative, posix paths); undefined when allowed. */
function judge(from: string, to: string): Omit<Violation, 'from' | 'to'> | undefined {
  const f = place(from);
  const t = place(to);
  if (f.top === 'src') {
    if (t.top === 'cli') return { rule: 'src/ must not import cli/', group: 'layers' };
    if (t.top !== 'src') return { rule: `src/ imports only src/, not ${t.top}/`, group: 'layers' };
    if (f.folder === t.folder) return undefined;
    const rf = RANK.get(f.folder);
    const rt = RANK.get(t.folder);
    if (rf === undefined) return { rule: `src/${f.folder} is not in the layer table`, group: 'layers' };
    if (rt === undefined) return { rule: `src/${t.folder} is not in the layer table`, group: 'layers' };
    if (rt < rf) return undefined;
    if (f.folder === 'core') return { rule: 'core is the bottom layer: it imports only core', group: 'layers' };
    if (f.folder === 'io') return { rule: 'io imports only io and core', group: 'layers' };
    if (DOMAIN.has(f.folder) && DOMAIN.has(t.folder)) {
      return { rule: `domain order: ${f.folder} (tier ${tierOf(f.folder) + 1}) may import only lower tiers, not ${t.folder} (tier ${tierOf(t.folder) + 1})`, group: 'layers' };
    }
    if (DOMAIN.has(f.folder)) return { rule: 'the domain must not import src/app or src/index.ts', group: 'layers' };
    return { rule: `src/${f.folder} must not import src/${t.folder}`, group: 'layers' };
  }
  if (f.top === 'cli') {
    if (from !== to && isCommandFile(from) && isCommandFile(to)) return { rule: 'a command file must not import another command file', group: 'commands' };
    return undefined;
  }
  if ((f.top === 'bench' || f.top === 'validation') && t.top === 'cli') return { rule: 'bench/ and validation/ must not import cli/', group: 'tools' };
  return undefined;
}

function findViolations(imports: readonly { from: string; to: string }[]): Violation[] {
  return imports.flatMap(({ from, to }) => {
    const v = judge(from, to);
    return v ? [{ from, to, ...v }] : [];
  });
}

const STATIC = /^[ \t]*(?:import|export)[ \t]+(?:type[ \t]+)?[\w$*{},\s]*?\bfrom[ \t]*['"]([^'"\n]+)['"]/gm;
const BARE = /^[ \t]*import[ \t]*['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /\bimport[ \t]*\([ \t]*['"]([^'"\n]+)['"][ \t]*\)/g;

/** The relative module specifiers of a TypeScript source (those starting with `.`). */
function relativeImports(text: string): string[] {
  const specs = [...text.matchAll(STATIC), ...text.matchAll(BARE)].map((m) => m[1]!);
  for (const m of text.matchAll(DYNAMIC)) {
    const before = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    if (/^\s*(\*|\/\*)/.test(before) || before.includes('//')) continue; // in a comment
    specs.push(m[1]!);
  }
  return specs.filter((s) => s.startsWith('.'));
}

const toPosix = (p: string) => p.split(sep).join(posix.sep);

/** The file a specifier names, repository-relative: `./x.js` → `x.ts` when that is the source. */
function resolveImport(fromFile: string, spec: string): string {
  const abs = resolve(dirname(join(projectRoot, fromFile)), spec);
  const candidates = [abs, abs.replace(/\.js$/, '.ts'), `${abs}.ts`, join(abs, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? abs;
  return toPosix(relative(projectRoot, found));
}

function sourceFiles(dir: string): string[] {
  const abs = join(projectRoot, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const path = posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.isFile() && e.name.endsWith('.ts') ? [path] : [];
  });
}

function scan(): { files: string[]; imports: { from: string; to: string }[] } {
  const files = SCANNED.flatMap((d) => sourceFiles(d));
  const imports = files.flatMap((file) => relativeImports(readFileSync(join(projectRoot, file), 'utf8')).map((spec) => ({ from: file, to: resolveImport(file, spec) })));
  return { files, imports };
}

function report(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.from} → ${v.to}  (${v.rule})`);
}

describe('architecture: the import layering of docs/architecture.md', () => {
  const { files, imports } = scan();
  const violations = findViolations(imports);
  const header = (what: string) => `imports against the layering rule (${what}); see docs/architecture.md`;

  it('scans the whole source (at least 100 relative imports, the command files among them)', () => {
    expect(imports.length).toBeGreaterThanOrEqual(100);
    expect(files.filter(isCommandFile).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith('src/')).length).toBeGreaterThanOrEqual(50);
  });

  it('places every folder of src/ in the layer table, and every folder of the table exists', () => {
    const entries = readdirSync(join(projectRoot, 'src'), { withFileTypes: true });
    const unplaced = entries.filter((e) => (e.isDirectory() || e.name.endsWith('.ts')) && !RANK.has(e.name)).map((e) => `src/${e.name}`);
    expect(unplaced, 'add each to DOMAIN_TIERS (or the layer table) in this test and in docs/architecture.md').toEqual([]);
    const missing = [...RANK.keys()].filter((name) => !existsSync(join(projectRoot, 'src', name)));
    expect(missing, 'folders in the layer table that no longer exist').toEqual([]);
  });

  it('src/ keeps its layers: core < io < domain tiers < app < index.ts, and never imports cli/', () => {
    expect(report(violations.filter((v) => v.group === 'layers')), header('src/')).toEqual([]);
  });

  it('no command file under cli/commands imports another command file', () => {
    expect(report(violations.filter((v) => v.group === 'commands')), header('cli/commands')).toEqual([]);
  });

  it('bench/ and validation/ never import cli/', () => {
    expect(report(violations.filter((v) => v.group === 'tools')), header('bench/, validation/')).toEqual([]);
  });
});

describe('architecture: the checker itself', () => {
  it('extracts static, re-export, side-effect and dynamic imports, and skips comments and packages', () => {
    const source = [
      "import { a } from './a.js';",
      'import {',
      '  b,',
      '  type B,',
      "} from '../b.js';",
      "import type { C } from './c.js';",
      "export { d } from './d.js';",
      "export * as e from './e.js';",
      "import './side.js';",
      "const f = await import('./f.js');",
      "import { g } from 'node:fs';",
      "// const h = await import('./h.js');",
      " * import { i } from './i.js';",
      'const s = `import(${x})`;',
    ].join('\n');
    expect(relativeImports(source).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './e.js', './f.js', './side.js']);
  });

  it('reports each kind of violation and lets allowed imports through', () => {
    const allowed = [
      { from: 'src/io/cells.ts', to: 'src/core/random.ts' },
      { from: 'src/data/types.ts', to: 'src/io/inputError.ts' },
      { from: 'src/predict/methods.ts', to: 'src/fit/fitLaw.ts' },
      { from: 'src/charts/chartSet.ts', to: 'src/predict/ladder.ts' },
      { from: 'src/app/predict.ts', to: 'src/predict/methods.ts' },
      { from: 'src/index.ts', to: 'src/app/evaluate.ts' },
      { from: 'cli/commands/plot.ts', to: 'cli/pipelineOptions.ts' },
      { from: 'cli/commands/plot.ts', to: 'cli/output/chartFiles.ts' },
      { from: 'cli/commands/plot.ts', to: 'src/charts/chartSet.ts' },
      { from: 'cli/program.ts', to: 'cli/commands/plot.ts' },
      { from: 'bench/charts.ts', to: 'src/app/predict.ts' },
    ];
    const broken = [
      { from: 'src/core/random.ts', to: 'src/io/cells.ts' },
      { from: 'src/io/cells.ts', to: 'src/data/types.ts' },
      { from: 'src/data/types.ts', to: 'src/fit/law.ts' }, // peers in the same tier
      { from: 'src/fit/fitLaw.ts', to: 'src/predict/methods.ts' }, // a cycle with predict → fit
      { from: 'src/predict/methods.ts', to: 'src/app/predict.ts' },
      { from: 'src/app/predict.ts', to: 'src/index.ts' },
      { from: 'src/app/predict.ts', to: 'cli/output/io.ts' },
      { from: 'src/charts/chartSet.ts', to: 'cli/commands/plot.ts' },
      { from: 'src/newthing/x.ts', to: 'src/core/random.ts' },
      { from: 'cli/commands/plot.ts', to: 'cli/commands/predict.ts' },
      { from: 'bench/charts.ts', to: 'cli/commands/main.ts' },
      { from: 'validation/codValidation.ts', to: 'cli/program.ts' },
    ];
    const found = findViolations([...allowed, ...broken]);
    expect(found.map((v) => `${v.from} → ${v.to}`)).toEqual(broken.map((b) => `${b.from} → ${b.to}`));
    expect(found.map((v) => v.group)).toEqual(['layers', 'layers', 'layers', 'layers', 'layers', 'layers', 'layers', 'layers', 'layers', 'commands', 'tools', 'tools']);
    expect(found[3]!.rule).toBe('domain order: fit (tier 1) may import only lower tiers, not predict (tier 3)');
  });
});
