/**
 * The HTML report: self-contained (scripts inlined, nothing fetched), escaped, and — in real
 * headless Chromium, where Debian's chromium is installed — loading with no console error and no
 * network request, every chart drawn as a non-empty SVG, and a screenshot taken.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportHtml, type ReportInput } from '../../src/charts/reportHtml.js';
import { reportScripts } from '../../src/app/chartFiles.js';
import { embeddedCharts } from './support.js';

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

  it.skipIf(!hasBrowser)(`opens in headless Chromium with every chart drawn, no console error and no request${hasBrowser ? '' : ' (skipped: no browser at /usr/bin/chromium; .ci/run installs Debian\'s chromium)'}`, async () => {
    const file = join(tmp, 'report.html');
    writeFileSync(file, html);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-charts-done="true"]', { timeout: 60_000 });
      const charts = await page.$$eval('div.vega', (els) =>
        els.map((e) => {
          const svg = e.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return { id: e.id, state: e.getAttribute('data-rendered'), width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('path, text').length ?? 0 };
        }),
      );
      expect(charts).toHaveLength(embeddedCharts().length + 1);
      for (const c of charts) {
        expect(c.state, c.id).toBe('true');
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.height, c.id).toBeGreaterThan(150);
        expect(c.marks, c.id).toBeGreaterThan(10);
      }
      expect(errors).toEqual([]);
      expect(requests.filter((u) => u !== `file://${file}` && !u.startsWith('data:'))).toEqual([]);
      const shot = join(tmp, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(50_000);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
