/**
 * `scalecast evaluate` as a picture: each method's mean absolute error on the corpus, overall and
 * per data kind (left), and the coverage of its 95% interval with the nominal 95% marked (right).
 *
 * @example evaluationChart(result) // a Vega-Lite spec
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, colorScale } from './chartStyle.js';

/** A method's accuracy as the chart needs it (fractions of the score range). */
export interface ChartAccuracy {
  method: string;
  n: number;
  mae: number | null;
  coverage: number | null;
}

/** What the evaluation chart shows: the corpus, every method overall, and per data kind. */
export interface EvaluationChartInput {
  corpus: { name: string; ladders: number; lineages: number; cases: number; predictions: number };
  methods: readonly ChartAccuracy[];
  kinds: readonly { key: string; methods: readonly ChartAccuracy[] }[];
  /** How the default was judged, in words. */
  judged: string;
}

/** Colours of the corpus parts. */
const PART_COLORS: Record<string, string> = { all: '#333333', greedy: '#4e79a7', sampled: '#f28e2b', aggregate: '#59a14f' };

interface Bar {
  method: string;
  part: string;
  mae: number;
  n: number;
  coverage: number | null;
}

function bars(part: string, methods: readonly ChartAccuracy[]): Bar[] {
  return methods.filter((m) => m.mae !== null).map((m) => ({ method: m.method, part, mae: 100 * m.mae!, n: m.n, coverage: m.coverage === null ? null : 100 * m.coverage }));
}

/**
 * The Vega-Lite spec of an evaluation.
 *
 * @throws RangeError when no method predicted anything
 */
export function evaluationChart(result: EvaluationChartInput): TopLevelSpec {
  const rows = [...bars('all', result.methods), ...result.kinds.flatMap((g) => bars(g.key, g.methods))];
  if (rows.length === 0) throw new RangeError('no method predicted anything: there is nothing to draw');
  const methods = result.methods.map((m) => m.method);
  const parts = [...new Set(rows.map((r) => r.part))];
  const color = { field: 'part', type: 'nominal' as const, title: 'Predictions', scale: colorScale(parts, PART_COLORS), sort: parts };
  // Fixed domains, so that the coverage panel (which leaves out methods without intervals) lines up.
  const y = { field: 'method', type: 'nominal' as const, title: null, sort: methods, scale: { domain: methods } };
  const yOffset = { field: 'part', type: 'nominal' as const, sort: parts, scale: { domain: parts } };
  const c = result.corpus;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `How accurate each method is on ${c.ladders} real ladders (${c.predictions} predictions)`,
      subtitle: [`corpus "${c.name}": ${c.cases} cases of ${c.lineages} lineages; ${result.judged}`, 'bar: mean absolute error; dot: share of real scores inside the 95% interval (methods that give one)'],
    },
    config: CHART_CONFIG,
    data: { values: rows },
    hconcat: [
      {
        width: 320,
        height: { step: 9 },
        mark: { type: 'bar' },
        encoding: {
          y,
          yOffset,
          color,
          x: { field: 'mae', type: 'quantitative', title: 'Mean absolute error (accuracy points)' },
          tooltip: [{ field: 'method' }, { field: 'part' }, { field: 'mae', title: 'MAE (pts)', format: '.2f' }, { field: 'n', title: 'predictions' }],
        },
      },
      {
        width: 200,
        height: { step: 9 },
        layer: [
          {
            transform: [{ filter: 'datum.coverage !== null' }],
            mark: { type: 'point', filled: true, size: 40 },
            encoding: {
              y: { ...y, axis: { labels: false, ticks: false, title: null } },
              yOffset,
              color,
              x: { field: 'coverage', type: 'quantitative', title: '95% interval coverage (%)', scale: { domain: [0, 100] } },
              tooltip: [{ field: 'method' }, { field: 'part' }, { field: 'coverage', title: 'coverage (%)', format: '.1f' }],
            },
          },
          { data: { values: [{ nominal: 95 }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { x: { field: 'nominal', type: 'quantitative' } } },
        ],
      },
    ],
  } as TopLevelSpec;
}
