import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { readLmEvalResultsFiles } from '../../src/data/lmEvalHarness.js';
import { readModelsTable } from '../../src/data/modelsTable.js';
import { readPoints } from '../../src/data/readPoints.js';
import { ItemScoreCollector } from '../../src/data/itemScoreCollector.js';
import { parseScoreText, readScoreFile } from '../../src/data/scoreFiles.js';
import { readCsvRecords } from '../../src/io/readCsvRecords.js';
import { readTableFile } from '../../src/io/tableReader.js';
import { errorOf, tempFolders } from '../data/support.js';

const folder = tempFolders('scalecast-paths-');

describe('a path that does not exist', () => {
  const dir = folder();
  const paths = ['nosuchdir', 'nosuch.csv', 'nosuch.json', 'sub/nosuch.tsv'].map((p) => join(dir, p));

  const readers: [string, (p: string) => unknown][] = [
    ['scores', (p) => loadDataset({ scores: [p] })],
    ['models', (p) => loadDataset({ scores: [join(folder({ 's.csv': 'model,benchmark,score\na,x,0.5\n' }), 's.csv')], models: [p] })],
    ['readModelsTable', (p) => readModelsTable(p)],
    ['fit --data (readPoints)', (p) => readPoints(p, ['x'], 'y')],
    ['readTableFile', (p) => readTableFile(p, { onRow: () => {} })],
    ['readScoreFile', (p) => readScoreFile(p, new ItemScoreCollector())],
    ['readCsvRecords', (p) => readCsvRecords(p)],
    ['harness results files', (p) => readLmEvalResultsFiles([p])],
  ];

  for (const [name, read] of readers) {
    it(`says "no such file or folder" (${name})`, () => {
      for (const p of paths) {
        if (name === 'harness results files' && !p.endsWith('.json')) continue;
        const e = errorOf(() => read(p));
        expect([e.code, e.file, e.message], p).toEqual(['unreadable', p, 'no such file or folder']);
      }
    });
  }

  it('an existing file with an unknown extension still says it cannot tell the format', () => {
    const d = folder({ notes: 'model,benchmark,score\n' });
    expect(errorOf(() => loadDataset({ scores: [join(d, 'notes')] })).code).toBe('unknown-format');
  });

  it('a folder given where a table file is expected says it is a folder', () => {
    const d = folder();
    const e = errorOf(() => readModelsTable(d));
    expect([e.code, e.file]).toEqual(['unreadable', d]);
    expect(e.message).toMatch(/is a folder/);
  });
});

describe('a table whose extension does not match its separator', () => {
  it('a .tsv file with commas and no tabs in its header', () => {
    const d = folder({ 'scores.tsv': 'model,benchmark,score\nA,x,0.5\n' });
    const e = errorOf(() => loadDataset({ scores: [join(d, 'scores.tsv')] }));
    expect([e.code, e.file, e.line]).toEqual(['bad-header', join(d, 'scores.tsv'), 1]);
    expect(e.message).toBe("this .tsv file's header has commas and no tabs: is it a CSV?");
  });

  it('a .csv file with tabs and no commas in its header', () => {
    const d = folder({ 'models.csv': 'model\tparams\nA\t7B\n' });
    const e = errorOf(() => readModelsTable(join(d, 'models.csv')));
    expect([e.code, e.line]).toEqual(['bad-header', 1]);
    expect(e.message).toBe("this .csv file's header has tabs and no commas: is it a TSV?");
  });

  it('a .tsv file with a quoted CSV header, as R and pandas write them', () => {
    const d = folder({ 'scores.tsv': '"model","benchmark","score"\n"A","x",0.5\n' });
    const e = errorOf(() => loadDataset({ scores: [join(d, 'scores.tsv')] }));
    expect([e.code, e.line, e.message]).toEqual(['bad-header', 1, "this .tsv file's header has commas and no tabs: is it a CSV?"]);
  });

  it('a broken quote in a real TSV header is still reported as such', () => {
    const d = folder({ 'scores.tsv': '"model"x\tbenchmark\n' });
    expect(errorOf(() => loadDataset({ scores: [join(d, 'scores.tsv')] })).code).toBe('bad-csv');
  });

  it('also when the text is read from a string', () => {
    const e = errorOf(() => parseScoreText('model,benchmark,score\nA,x,0.5\n', 'a.tsv', new ItemScoreCollector()));
    expect(e.message).toBe("this .tsv file's header has commas and no tabs: is it a CSV?");
  });

  it('a one-column table without the other separator is fine', () => {
    const d = folder({ 'm.tsv': 'model\nA\n' });
    expect(readModelsTable(join(d, 'm.tsv')).table.models.map((m) => m.model)).toEqual(['A']);
  });
});
