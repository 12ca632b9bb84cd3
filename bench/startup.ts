/**
 * CLI startup benchmark: wall time of `node dist/cli/scalecast.js --version` and `... --help`, each
 * against a bare `node -e 0` measured in the same run. Two warm-ups each, then 20 runs each,
 * interleaved (one round runs all three commands, in an order that rotates from round to round, so
 * that drift in the machine's load falls on all three alike). Reports the median and p90 (nearest
 * rank) of each, and the ratio of each median to `node -e 0`'s median.
 * Target: the CLI's median at most 3× `node -e 0`'s. Skipped, saying why, without a build (dist/).
 *
 * The time of a run is measured around `spawnSync` in this process, so it includes spawning the
 * child: the same cost for the three commands.
 *
 * Run: `npm run bench -- startup`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// From source: bench/ is one level below the project; compiled: dist/bench/ is two.
const root = existsSync(resolve(here, '../package.json')) ? resolve(here, '..') : resolve(here, '../..');

const WARMUPS = 2;
const RUNS = 20;
/** The CLI's median over `node -e 0`'s median must be at most this. */
const TARGET_RATIO = 3;

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const ms = (v: number) => Number(v.toFixed(1));

export async function benchStartup(): Promise<Record<string, unknown>[]> {
  const cli = join(root, 'dist/cli/scalecast.js');
  if (!existsSync(cli)) return [{ case: 'CLI startup', skipped: `no build at ${cli} (run npm run build, or npm run bench)` }];
  const commands: { label: string; args: string[]; check: (stdout: string) => boolean }[] = [
    { label: 'node -e 0', args: ['-e', '0'], check: () => true },
    { label: 'node dist/cli/scalecast.js --version', args: [cli, '--version'], check: (s) => /^\d+\.\d+\.\d+/.test(s.trim()) },
    { label: 'node dist/cli/scalecast.js --help', args: [cli, '--help'], check: (s) => /Usage:/.test(s) },
  ];
  const once = (c: (typeof commands)[number]): number => {
    const t = performance.now();
    const r = spawnSync(process.execPath, c.args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    const elapsed = performance.now() - t;
    if (r.status !== 0 || !c.check(r.stdout)) throw new Error(`${c.label} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
    return elapsed;
  };
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < WARMUPS + RUNS; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (round + k) % commands.length;
      const t = once(commands[i]!);
      if (round >= WARMUPS) times[i]!.push(t);
    }
  }
  const stats = times.map((ts) => {
    const s = [...ts].sort((a, b) => a - b);
    return { median: quantile(s, 0.5), p90: quantile(s, 0.9), min: s[0]!, max: s[s.length - 1]! };
  });
  const base = stats[0]!;
  return commands.map((c, i) => {
    const st = stats[i]!;
    const row: Record<string, unknown> = {
      case: c.label,
      runs: RUNS,
      warmups: WARMUPS,
      median_ms: ms(st.median),
      p90_ms: ms(st.p90),
      min_ms: ms(st.min),
      max_ms: ms(st.max),
    };
    if (i > 0) {
      const ratio = st.median / base.median;
      row.ratio_to_node_e0 = Number(ratio.toFixed(2));
      row.p90_ratio_to_node_e0 = Number((st.p90 / base.p90).toFixed(2));
      row.target = `median ≤ ${TARGET_RATIO}× node -e 0 (≤ ${ms(TARGET_RATIO * base.median)} ms)`;
      row.result = ratio <= TARGET_RATIO ? 'PASS' : 'FAIL';
    }
    return row;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await benchStartup()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
