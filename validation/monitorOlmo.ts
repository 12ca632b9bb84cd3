/**
 * Issue 13's test on the OLMo ladder: each ladder run's final score predicted from its checkpoints up
 * to 25% and 50% of its tokens, per task, with its own curve, with the curves of the smaller ladder
 * runs at the same multiple of Chinchilla, and by carrying the latest checkpoint forward.
 *
 * Run: npx tsx validation/monitorOlmo.ts
 */
import { join } from 'node:path';
import { readOlmoLadderCurves } from '../src/data/olmoLadder.js';
import { forecastRun, FORECASTERS } from '../src/monitor/forecastRun.js';
import { errorTable, type ForecastCase } from './monitorCases.js';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'raw', 'olmo-ladder');
const SIZES = ['190M', '370M', '760M', '1B', '3B'];

export function olmoCases(): ForecastCase[] {
  const curves = readOlmoLadderCurves(DIR);
  const cases: ForecastCase[] = [];
  for (const c of curves) {
    const ladder = curves.filter((m) => m.benchmark === c.benchmark && m.multiplier === c.multiplier && SIZES.indexOf(m.size) < SIZES.indexOf(c.size));
    const actual = c.points.at(-1)!.score;
    for (const cut of [0.25, 0.5]) {
      const soFar = { ...c, points: c.points.filter((p) => p.tokens <= cut * c.endTokens) };
      if (soFar.points.length === 0) continue;
      const f = forecastRun(soFar, ladder);
      cases.push({ run: c.run, benchmark: c.benchmark, cut: `${100 * cut}%`, actual, values: Object.fromEntries(FORECASTERS.map((id) => [id, f.forecasts[id]?.value ?? null])), interval: f.band?.(f.endTokens) ?? null });
    }
  }
  return cases;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(errorTable(olmoCases(), ['25%', '50%']));
