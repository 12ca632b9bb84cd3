/** The cases of the run-in-progress validations and their error table. */
import { FORECASTERS, type ForecasterId } from '../src/monitor/forecastRun.js';

/** One forecast of one run's final score on one benchmark from a cut of its checkpoints. */
export interface ForecastCase {
  run: string;
  benchmark: string;
  cut: string;
  actual: number;
  values: Partial<Record<ForecasterId, number | null>>;
  /** The default's 95% interval at the planned end. */
  interval?: [number, number] | null;
}

/** Mean and max absolute error (points) of every forecaster at each cut, as a Markdown table. */
export function errorTable(cases: readonly ForecastCase[], cuts: readonly string[]): string {
  const lines = ['| cut | forecaster | cases | mean abs. error | max abs. error |', '|---|---|---|---|---|'];
  for (const cut of cuts) {
    for (const id of FORECASTERS) {
      const errs = cases.filter((c) => c.cut === cut && c.values[id] != null).map((c) => 100 * Math.abs(c.values[id]! - c.actual));
      if (errs.length === 0) continue;
      lines.push(`| ${cut} | ${id} | ${errs.length} | ${(errs.reduce((a, e) => a + e, 0) / errs.length).toFixed(2)} | ${Math.max(...errs).toFixed(2)} |`);
    }
  }
  return lines.join('\n');
}
