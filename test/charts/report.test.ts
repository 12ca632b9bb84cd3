/**
 * The HTML report: self-contained (scripts inlined, nothing fetched), escaped, and — in real
 * headless Chromium, where Debian's chromium is installed — loading with no console message at all
 * (no error, no Vega-Lite warning) and no network request, every chart drawn as a non-empty SVG, and
 * a screenshot taken; the same for the main job's report, and for a report of 65 benchmarks, whose
 * charts come in pages (a bounded page height; a page's charts drawn when it is shown).
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportHtml, type ReportInput } from '../../src/charts/reportHtml.js';
import { reportScripts } from '../../src/app/chartFiles.js';
import { embeddedCharts, mainFigures, manyBenchmarkCharts } from './support.js';
import { projectRoot } from '../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
const tmp = mkdtempSync(join(tmpdir(), 'scalecast-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function input(): ReportInput {
  const charts = embeddedCharts();
  return {
    title: 'Report <test> & "quotes"',
    inputs: [['scores', 'a<b>.csv']],
    sections: [
      {
        title: 'Charts',
        text: ['x < y & z'],
        charts: [
          ...charts.map((c) => ({ id: c.name, title: c.title, spec: c.spec })),
          // Names a user controls (benchmarks, models) end up in specs: none may break the page.
          {
            id: 'hostile',
            title: 'a </script><!-- "b" & c',
            spec: {
              title: '</script><!-- <b>bench</b>',
              width: 320,
              height: 200,
              data: { values: [{ name: '</script><!--x', v: 1 }, { name: '"quoted" & <tag>', v: 2 }] },
              mark: 'bar',
              encoding: { x: { field: 'name', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
            } as never,
          },
        ],
      },
      { title: 'Table', tables: [{ caption: 'T', headers: ['a', 'b'], rows: [['</script>', '1']], numeric: [false, true] }], warnings: ['w <1>'] },
    ],
  };
}

describe('reportHtml', () => {
  const html = reportHtml(input(), reportScripts());

  it('inlines every script and loads nothing from elsewhere', () => {
    // The markup around the scripts (the bundles' own code may mention tags in strings).
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(markup).not.toMatch(/<script[^>]+src=/i);
    expect(markup).not.toMatch(/<link[^>]+href=/i);
    expect(markup).not.toMatch(/<img[^>]+src=/i);
    expect((html.match(/<script>/g) ?? []).length).toBe(4);
  });

  it('writes specs as JSON with every < escaped, so a name holding </script> or <!-- reads back intact', () => {
    const m = /<script type="application\/json" id="spec-hostile">([^]*?)<\/script>/.exec(html)!;
    expect(m[1]).not.toContain('<');
    expect(JSON.parse(m[1]!).data.values[0].name).toBe('</script><!--x');
  });

  it('escapes text, and no content can close a script early', () => {
    expect(html).toContain('<title>Report &lt;test&gt; &amp; &quot;quotes&quot;</title>');
    expect(html).toContain('<td>&lt;/script&gt;</td>');
    expect(html).toContain('<li>w &lt;1&gt;</li>');
    const scripts = html.split('<script').length - 1;
    expect(html.split('</script>').length - 1).toBe(scripts);
  });

  it('gives the same bytes for the same input, and refuses two charts with one id', () => {
    expect(reportHtml(input(), reportScripts())).toBe(html);
    const twice = input();
    twice.sections[0]!.charts!.push(twice.sections[0]!.charts![0]!);
    expect(() => reportHtml(twice, reportScripts())).toThrow(/two charts have the id/);
  });

  it.skipIf(!hasBrowser)(`opens in headless Chromium with every chart drawn, no console message at all and no request${SKIP_REASON}`, async () => {
    const file = join(tmp, 'report.html');
    writeFileSync(file, html);
    await inChromium(file, async (page, seen) => {
      const charts = await drawnCharts(page);
      expect(charts).toHaveLength(embeddedCharts().length + 1);
      for (const c of charts) {
        expect(c.state, c.id).toBe('true');
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.height, c.id).toBeGreaterThan(150);
        expect(c.marks, c.id).toBeGreaterThan(10);
      }
      expect(seen.messages).toEqual([]);
      expect(seen.requests.filter((u) => u !== `file://${file}` && !u.startsWith('data:'))).toEqual([]);
      const shot = join(tmp, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(50_000);
    });
  }, 120_000);
});

const SKIP_REASON = hasBrowser ? '' : " (skipped: no browser at /usr/bin/chromium; .ci/run installs Debian's chromium)";

/** What a page said and asked for while it loaded. */
interface Seen {
  /** Every console message (any level: error, warning, log, …) and uncaught error, as "type: text". */
  messages: string[];
  requests: string[];
}

/**
 * Opens the file in headless Chromium (a fresh profile, no network features) and waits until the
 * charts of the first screen are drawn.
 */
async function inChromium(file: string, check: (page: Page, seen: Seen) => Promise<void>): Promise<void> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'scalecast-chromium-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await context.newPage();
    const seen: Seen = { messages: [], requests: [] };
    page.on('console', (m) => seen.messages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => seen.messages.push(`pageerror: ${String(e)}`));
    page.on('request', (r) => seen.requests.push(r.url()));
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-charts-done="true"]', { timeout: 60_000 });
    await check(page, seen);
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The chart containers of the page: id, state, size and number of drawn marks. */
function drawnCharts(page: Page, selector = 'div.vega'): Promise<{ id: string; state: string | null; width: number; height: number; marks: number }[]> {
  return page.$$eval(selector, (els) =>
    els.map((e) => {
      const svg = e.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return { id: e.id, state: e.getAttribute('data-rendered'), width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('path, text').length ?? 0 };
    }),
  );
}

describe.skipIf(!hasBrowser)(`reports in headless Chromium${SKIP_REASON}`, () => {
  it('the main job\'s report: every chart drawn, no console message at all', async () => {
    const dir = await mainFigures();
    try {
      await inChromium(join(dir, 'report.html'), async (page, seen) => {
        const charts = await drawnCharts(page);
        expect(charts).toHaveLength(10);
        for (const c of charts) expect(c.state, c.id).toBe('true');
        expect(seen.messages).toEqual([]);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a report of 65 benchmarks: a page of 10 charts at a time, a bounded height, the next page drawn on a click, no console message', async () => {
    const charts = manyBenchmarkCharts(65);
    const file = join(tmp, 'many.html');
    writeFileSync(file, reportHtml({ title: 'many', inputs: [], sections: [{ title: 'Charts', charts: charts.map((c) => ({ id: c.name, title: c.title, spec: c.spec })) }] }, reportScripts()));
    await inChromium(file, async (page, seen) => {
      const first = await drawnCharts(page, 'div.page:not([hidden]) div.vega');
      expect(first).toHaveLength(10);
      for (const c of first) expect(c.state, c.id).toBe('true');
      // The 56 charts of the other pages wait for their page.
      expect((await drawnCharts(page)).filter((c) => c.state === null)).toHaveLength(charts.length - 10);
      const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
      expect(height).toBeLessThan(8_000);
      await page.click('div.pager button[data-page="1"]');
      await page.waitForFunction(`[...document.querySelectorAll('div.page[data-page="1"] div.vega')].every((e) => e.getAttribute('data-rendered') === 'true')`, undefined, { timeout: 60_000 });
      expect(await drawnCharts(page, 'div.page:not([hidden]) div.vega')).toHaveLength(10);
      expect(seen.messages).toEqual([]);
    });
  }, 180_000);
});

describe.skipIf(!hasBrowser)(`a report with a run in progress${SKIP_REASON}`, () => {
  it('has the run\'s section with its chart drawn, and no console message', async () => {
    const { reportJob } = await import('../../src/app/plot.js');
    const file = join(tmp, 'monitor.html');
    const data = join(projectRoot, 'datasets/synthetic');
    await reportJob({
      input: { scores: [join(data, 'scores.csv')], models: [join(data, 'models.csv')] },
      family: 'sim',
      target: { model: 'sim-70B' },
      out: file,
      monitor: { scores: join(projectRoot, 'test/fixtures/checkpoints/pythia-zero-shot.csv'), run: 'pythia-2.8b', untilStep: 143000 },
    });
    await inChromium(file, async (page, seen) => {
      expect(await page.textContent('body')).toContain('Run in progress: pythia-2.8b');
      const monitor = (await drawnCharts(page)).find((c) => c.id.includes('monitor'));
      expect(monitor?.state).toBe('true');
      expect(seen.messages).toEqual([]);
    });
  }, 180_000);
});
