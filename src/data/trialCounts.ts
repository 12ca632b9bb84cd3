/**
 * Trial counts: the number of samples a pass rate averages, read from a `trials` column of a long
 * file or from the `<stem>.count.csv` companion of a wide file (same shape as the score matrix; its
 * cells are checked only where the score file has a score, and errors point into it).
 */
import { cellError, cellText, readNumberCell, requireColumn } from '../io/cells.js';
import { InputError } from '../io/inputError.js';
import { readTableFile, snapshotRow, type TableFormat, type TableHandler, type TableHeader, type TableRow } from '../io/tableReader.js';
import { SCORE_COLUMNS } from './scoreFiles.js';

/** The largest trial count accepted: more samples than any evaluation draws. */
export const MAX_TRIALS = 1e9;

/** Reads a whole trial count in [1, {@link MAX_TRIALS}]; `undefined` when empty. */
export function readTrials(row: TableRow, j: number): number | undefined {
  const raw = row.values[j];
  if (typeof raw === 'string' && raw.length > 0 && raw.length < 10) {
    // Fast path for plain digits ("4", "100"); at most 9 digits, so below MAX_TRIALS.
    let v = 0;
    let k = 0;
    for (; k < raw.length; k++) {
      const c = raw.charCodeAt(k) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (k === raw.length && v >= 1) return v;
  }
  return readNumberCell(row, j, { name: 'trials', min: 1, max: MAX_TRIALS, integer: true, expected: 'a whole number of samples in [1, 1e9]' });
}

/** A wide trial-count file: its rows by item, kept as read, and each model's column. */
export interface TrialsTable {
  file: string;
  header: TableHeader | null;
  columnOf: Map<string, number>;
  rows: Map<string, TableRow>;
}

/** Reads a wide trial-count companion. Its cells are checked only where the score file has a score. */
export function readTrialsTable(path: string, options: { format?: TableFormat }): TrialsTable {
  const out: TrialsTable = { file: path, header: null, columnOf: new Map(), rows: new Map() };
  let itemCol = -1;
  const handler: TableHandler = {
    onRow(row) {
      if (out.header === null) {
        itemCol = requireColumn(row, SCORE_COLUMNS.item, 'a trial-count file');
        out.header = { file: row.file, format: row.format, header: row.header, headerLine: row.headerLine };
        row.header.forEach((h, j) => j !== itemCol && out.columnOf.set(h, j));
      }
      const item = cellText(row.values[itemCol]);
      if (item === undefined) throw cellError(row, itemCol, 'missing-value', 'item is empty', 'an item id');
      out.rows.set(item, snapshotRow(row));
    },
  };
  readTableFile(path, handler, { format: options.format });
  return out;
}

/** The trial count of a scored cell, read from the count file; errors point into the count file. */
export function trialCount(t: TrialsTable, item: string, model: string, scoredAt: string): number {
  const j = t.columnOf.get(model);
  if (j === undefined) {
    throw new InputError({
      code: 'missing-column',
      file: t.file,
      line: t.header?.headerLine,
      column: 1,
      message: `the trial-count file has no column for model "${model}", which has scores (e.g. at ${scoredAt})`,
      expected: 'a column for every model of the score file',
    });
  }
  const row = t.rows.get(item);
  if (row === undefined) {
    throw new InputError({
      code: 'missing-value',
      file: t.file,
      message: `the trial-count file has no row for item "${item}", which has scores (e.g. at ${scoredAt})`,
      expected: 'a row for every scored item',
    });
  }
  const k = readTrials(row, j);
  if (k === undefined) {
    throw cellError(row, j, 'missing-value', `no trial count for model "${model}" on item "${item}" (scored at ${scoredAt})`, 'a count for every scored cell');
  }
  return k;
}
