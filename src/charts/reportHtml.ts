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
.chart { margin: 18px 0 28px; overflow-x: auto; } .chart h3 { font-size: 15px; margin: 0 0 6px; }
.table-wrap { overflow-x: auto; } details > summary { cursor: pointer; font-weight: bold; font-size: 13px; margin: 12px 0; }
.pager { margin: 12px 0; font-size: 13px; } .pager button { margin: 0 4px 4px 0; padding: 2px 9px; font: inherit; cursor: pointer; border: 1px solid #bbb; background: #f6f6f6; border-radius: 3px; }
.pager button[aria-current="true"] { background: #4e79a7; color: white; border-color: #4e79a7; }
.warnings { background: #fff4f4; border-left: 4px solid #e15759; padding: 8px 14px; font-size: 13px; }
.error { color: #b00; font-weight: bold; }
nav a { margin-right: 14px; font-size: 13px; }
`;

/** Charts of a section shown at once; more are split into pages with a pager. */
export const CHARTS_PER_PAGE = 10;
/** Tables longer than this are folded (a click shows them), so that the page stays short. */
export const FOLDED_TABLE_ROWS = 40;
/** Warning lists longer than this are folded too. */
export const FOLDED_WARNINGS = 10;

function tableHtml(t: ReportTable): string {
  const head = t.headers.map((h, j) => `<th${t.numeric?.[j] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map((r, i) => `<tr${t.emphasis?.[i] ? ' class="em"' : ''}>${r.map((c, j) => `<td${t.numeric?.[j] ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  const table = `<div class="table-wrap"><table><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
  return t.rows.length > FOLDED_TABLE_ROWS ? `<details><summary>${escapeHtml(t.caption)} (${t.rows.length} rows)</summary>${table}</details>` : table;
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
    const charts = s.charts ?? [];
    const pages = Math.ceil(charts.length / CHARTS_PER_PAGE);
    if (pages > 1) {
      const buttons = Array.from({ length: pages }, (_, p) => {
        const first = charts[p * CHARTS_PER_PAGE]!;
        const last = charts[Math.min(charts.length, (p + 1) * CHARTS_PER_PAGE) - 1]!;
        return `<button type="button" data-page="${p}" title="${escapeHtml(first.title)} … ${escapeHtml(last.title)}"${p === 0 ? ' aria-current="true"' : ''}>${p + 1}</button>`;
      });
      parts.push(`<div class="pager" data-section="${k}">${charts.length} charts in pages of ${CHARTS_PER_PAGE}: ${buttons.join('')}</div>`);
    }
    charts.forEach((c, i) => {
      if (ids.has(c.id)) throw new RangeError(`two charts have the id ${c.id}`);
      ids.add(c.id);
      if (pages > 1 && i % CHARTS_PER_PAGE === 0) parts.push(`${i > 0 ? '</div>' : ''}<div class="page" data-section="${k}" data-page="${i / CHARTS_PER_PAGE}"${i > 0 ? ' hidden' : ''}>`);
      parts.push(`<div class="chart"><h3>${escapeHtml(c.title)}</h3><div class="vega" id="chart-${escapeHtml(c.id)}" data-spec="spec-${escapeHtml(c.id)}"></div></div>`);
      specs.push(`<script type="application/json" id="spec-${escapeHtml(c.id)}">${jsonInScript(c.spec)}</script>`);
    });
    if (pages > 1) parts.push('</div>');
    for (const t of s.tables ?? []) parts.push(tableHtml(t));
    if (s.warnings && s.warnings.length > 0) {
      const list = `<ul>${s.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
      // A long list is folded (a click shows it), like long tables.
      parts.push(
        s.warnings.length > FOLDED_WARNINGS
          ? `<div class="warnings"><details><summary>Warnings (${s.warnings.length})</summary>${list}</details></div>`
          : `<div class="warnings"><strong>Warnings (${s.warnings.length})</strong>${list}</div>`,
      );
    }
    parts.push('</section>');
    return parts.join('\n');
  });
  const nav = input.sections.map((s, k) => `<a href="#section-${k}">${escapeHtml(s.title)}</a>`).join('');
  const inputs = tableHtml({ caption: 'Inputs', headers: ['', ''], rows: input.inputs.map(([a, b]) => [a, b]) });
  // Charts are drawn when their page is first shown; body[data-charts-done] marks the first screen drawn.
  const boot = `
(function () {
  function draw(el) {
    if (el.getAttribute('data-rendered')) return Promise.resolve();
    el.setAttribute('data-rendered', 'pending');
    function fail(err) {
      el.setAttribute('data-rendered', 'error');
      el.innerHTML = '<p class="error">This chart could not be drawn: ' + String(err && err.message || err).replace(/</g, '&lt;') + '</p>';
      console.error(err);
    }
    try {
      var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
      return vegaEmbed(el, spec, { actions: false, renderer: 'svg' }).then(function () { el.setAttribute('data-rendered', 'true'); }).catch(fail);
    } catch (err) {
      fail(err);
      return Promise.resolve();
    }
  }
  function drawVisible() {
    var nodes = document.querySelectorAll('div.vega');
    var pending = [];
    for (var i = 0; i < nodes.length; i++) {
      var page = nodes[i].closest('div.page');
      if (!page || !page.hidden) pending.push(draw(nodes[i]));
    }
    return Promise.all(pending);
  }
  var pagers = document.querySelectorAll('div.pager');
  for (var j = 0; j < pagers.length; j++) {
    pagers[j].addEventListener('click', function (ev) {
      var b = ev.target.closest('button[data-page]');
      if (!b) return;
      var section = this.getAttribute('data-section');
      var pages = document.querySelectorAll('div.page[data-section="' + section + '"]');
      for (var p = 0; p < pages.length; p++) pages[p].hidden = pages[p].getAttribute('data-page') !== b.getAttribute('data-page');
      var buttons = this.querySelectorAll('button');
      for (var q = 0; q < buttons.length; q++) buttons[q].setAttribute('aria-current', String(buttons[q] === b));
      drawVisible();
    });
  }
  drawVisible().then(function () { document.body.setAttribute('data-charts-done', 'true'); });
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
