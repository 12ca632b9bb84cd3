/**
 * The shared worker start-up: resolving the worker script next to a module (.ts source or compiled
 * .js), starting a TypeScript worker under tsx's loader and a plain JavaScript one, and the
 * one-shot runner's result and failures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultThreads, runWorker, startWorker, workerScriptUrl } from '../../src/core/workerThreads.js';

// Resolved as from a (hypothetical) .ts module in fixtures/, as src modules resolve their workers.
const summaryWorker = workerScriptUrl(new URL('./fixtures/here.ts', import.meta.url), 'summaryWorker');

describe('workerScriptUrl', () => {
  it('picks the TypeScript source next to a .ts module and the compiled script next to a .js one', () => {
    expect(workerScriptUrl('file:///p/src/cluster/clusterPool.ts', 'clusterWorker').href).toBe('file:///p/src/cluster/clusterWorker.ts');
    expect(workerScriptUrl('file:///p/dist/src/cluster/clusterPool.js', 'clusterWorker').href).toBe('file:///p/dist/src/cluster/clusterWorker.js');
    expect(summaryWorker.pathname.endsWith('/test/core/fixtures/summaryWorker.ts')).toBe(true);
  });
});

describe('runWorker', () => {
  it('starts a TypeScript worker and gets its result back', async () => {
    const r = await runWorker<{ sum: number; median: number }>(summaryWorker, { values: [5, 1, 4, 2] });
    expect(r).toEqual({ sum: 12, median: 3 });
  });

  it('runs several workers at once, each with its own data', async () => {
    const parts = [[1, 2, 3], [10, 20], [7]];
    const sums = await Promise.all(parts.map((values) => runWorker<{ sum: number }>(summaryWorker, { values }).then((r) => r.sum)));
    expect(sums).toEqual([6, 30, 7]);
  });

  it("rejects with the worker's error, a non-zero exit code, or an exit without a result", async () => {
    await expect(runWorker(summaryWorker, { values: [], fail: 'throw' })).rejects.toThrow(/asked to fail/);
    await expect(runWorker(summaryWorker, { values: [], fail: 'exit' }, 'summary worker')).rejects.toThrow(/summary worker stopped with code 3/);
    await expect(runWorker(summaryWorker, { values: [], fail: 'silent' }, 'summary worker')).rejects.toThrow(/summary worker stopped without a result/);
  });

  describe('a compiled (plain JavaScript) worker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalecast-worker-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is started directly', async () => {
      writeFileSync(join(dir, 'double.js'), "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage(workerData.map((v) => 2 * v));\n");
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      const url = workerScriptUrl(pathToFileURL(join(dir, 'caller.js')), 'double');
      expect(url.pathname.endsWith('/double.js')).toBe(true);
      expect(await runWorker<number[]>(url, [1, 2.5])).toEqual([2, 5]);
    });
  });
});

describe('startWorker', () => {
  it('gives a long-lived worker that can be terminated', async () => {
    const w = startWorker(summaryWorker, { values: [1, 2] });
    const first = await new Promise((resolve) => w.once('message', resolve));
    expect(first).toEqual({ sum: 3, median: 1.5 });
    await w.terminate();
  });
});

describe('defaultThreads', () => {
  it('is between 1 and 8', () => {
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(defaultThreads()).toBeLessThanOrEqual(8);
  });
});
