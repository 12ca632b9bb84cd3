/**
 * One self-contained HTML page: the inputs, every chart (interactive, through vega-embed), the
 * prediction and backtest tables and the warnings. Vega, Vega-Lite and vega-embed are inlined, the
 * specs carry their data, and nothing is fetched: the page works offline and from a file.
 *
 * Pure: the bundles come in as strings ({@link ReportScripts}), so the same input gives the same
 * bytes (no clock in the page unless the caller puts one in `input.subtitle`).
 *
 * @example writeFileSync('report.html', reportHtml({ title: 'scalecast', sections }, scripts));
 */
import type { TopLevelSpec } from 'vega-lite';

/** The minified bundles the page runs on. */
export interface ReportScripts {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

/** A table of the report. */
export interface ReportTable {
  caption: string;
  headers: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  numeric?: boolean[];
  /** Rows to emphasise (e.g. the default method). */
  emphasis?: boolean[];
}

/** A section: prose, charts, tables, warnings. */
export interface ReportSection {
  title: string;
  text?: string[];
  charts?: { id: string; title: string; spec: TopLevelSpec }[];
  tables?: ReportTable[];
  warnings?: string[];
}

/** The report. */
export interface ReportInput {
  title: string;
  subtitle?: string;
  /** The inputs, summarised as label → value. */
  inputs: [string, string][];
  sections: ReportSection[];
}

/** Text safe inside HTML elements and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * JSON safe inside a <script> element: every `<` written as the JSON escape \u003c, so neither
 * `</script` nor `<!--` can appear, and `JSON.parse` still reads the same value.
 */
function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A script body safe inside <script>: no `</script` (or `<!--`) can close it early. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const STYLE = `
body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: #222; line-height: 1.45; }
h1 { font-size: 26px; margin-bottom: 4px; } h2 { font-size: 20px; margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 12px 0 20px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding-bottom: 6px; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f6f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.em td { font-weight: bold; background: #fff8e6; }
.chart { margin: 18px 0 28px; } .chart h3 { font-size: 15px; margin: 0 0 6px; }
.warnings { background: #fff4f4; border-left: 4px solid #e15759; padding: 8px 14px; font-size: 13px; }
.error { color: #b00; font-weight: bold; }
nav a { margin-right: 14px; font-size: 13px; }
`;

function tableHtml(t: ReportTable): string {
  const head = t.headers.map((h, j) => `<th${t.numeric?.[j] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map((r, i) => `<tr${t.emphasis?.[i] ? ' class="em"' : ''}>${r.map((c, j) => `<td${t.numeric?.[j] ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * The page.
 *
 * @throws RangeError when two charts share an id
 */
export function reportHtml(input: ReportInput, scripts: ReportScripts): string {
  const ids = new Set<string>();
  const specs: string[] = [];
  const sectionHtml = input.sections.map((s, k) => {
    const parts: string[] = [`<section id="section-${k}"><h2>${escapeHtml(s.title)}</h2>`];
    for (const p of s.text ?? []) parts.push(`<p>${escapeHtml(p)}</p>`);
    for (const c of s.charts ?? []) {
      if (ids.has(c.id)) throw new RangeError(`two charts have the id ${c.id}`);
      ids.add(c.id);
      parts.push(`<div class="chart"><h3>${escapeHtml(c.title)}</h3><div class="vega" id="chart-${escapeHtml(c.id)}" data-spec="spec-${escapeHtml(c.id)}"></div></div>`);
      specs.push(`<script type="application/json" id="spec-${escapeHtml(c.id)}">${jsonInScript(c.spec)}</script>`);
    }
    for (const t of s.tables ?? []) parts.push(tableHtml(t));
    if (s.warnings && s.warnings.length > 0) parts.push(`<div class="warnings"><strong>Warnings (${s.warnings.length})</strong><ul>${s.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`);
    parts.push('</section>');
    return parts.join('\n');
  });
  const nav = input.sections.map((s, k) => `<a href="#section-${k}">${escapeHtml(s.title)}</a>`).join('');
  const inputs = tableHtml({ caption: 'Inputs', headers: ['', ''], rows: input.inputs.map(([a, b]) => [a, b]) });
  const boot = `
(function () {
  var nodes = document.querySelectorAll('div.vega');
  var pending = [];
  for (var i = 0; i < nodes.length; i++) {
    (function (el) {
      function fail(err) {
        el.setAttribute('data-rendered', 'error');
        el.innerHTML = '<p class="error">This chart could not be drawn: ' + String(err && err.message || err).replace(/</g, '&lt;') + '</p>';
        console.error(err);
      }
      try {
        var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
        pending.push(vegaEmbed(el, spec, { actions: false, renderer: 'svg' }).then(function () { el.setAttribute('data-rendered', 'true'); }).catch(fail));
      } catch (err) {
        fail(err);
      }
    })(nodes[i]);
  }
  Promise.all(pending).then(function () { document.body.setAttribute('data-charts-done', 'true'); });
})();`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    `<script>${scriptSafe(scripts.vega)}</script>`,
    `<script>${scriptSafe(scripts.vegaLite)}</script>`,
    `<script>${scriptSafe(scripts.vegaEmbed)}</script>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.subtitle ? `<p class="subtitle">${escapeHtml(input.subtitle)}</p>` : '',
    `<nav>${nav}</nav>`,
    inputs,
    ...sectionHtml,
    ...specs,
    `<script>${boot}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
