/**
 * Reading (x, y) points for a curve fit from any table: columns named by the user, numbers that may
 * carry suffixes (7B, 1.4T), optional row filters such as `loss<4.9`. A missing cell (empty, `n/a`,
 * `nan`, `-`, …) in an x or y column is an error; in a filter column it drops the row.
 */
import { cellError, cellText, columnResolver, missingMessage, readNumberCell, type ColumnSpec } from '../io/cells.js';
import { cellPasses, parseRowFilter, type RowFilter } from './rowFilter.js';
import { readTableFile, readTableText, type TableFormat, type TableHandler } from '../io/tableReader.js';

/** The filter syntax is shared with the score readers' `--where` (see {@link parseRowFilter}). */
export { parseRowFilter, type RowFilter };

/** Points read from a table. */
export interface PointsTable {
  /** One column per input, in the order asked for. */
  x: Float64Array[];
  y: Float64Array;
  /** 1-based line of each kept point in the file. */
  lines: number[];
  /** Rows left out by the filters. */
  dropped: number;
  /** The header names used, as written in the file. */
  xNames: string[];
  yName: string;
}

function pointsHandler(xCols: string[], yCol: string, filters: RowFilter[]) {
  const xs: number[][] = xCols.map(() => []);
  const y: number[] = [];
  const lines: number[] = [];
  let dropped = 0;
  let header: readonly string[] = [];
  const spec: ColumnSpec<string> = { y: { names: [yCol], required: true } };
  xCols.forEach((c, k) => (spec[`x${k}`] = { names: [c], required: true }));
  filters.forEach((f, k) => (spec[`f${k}`] = { names: [f.column], required: true }));
  const columns = columnResolver(spec, 'this table');
  let idx: { x: number[]; y: number; f: number[] } | null = null;
  const handler: TableHandler = {
    onRow(row) {
      const c = columns(row);
      header = row.header;
      idx = { x: xCols.map((_, k) => c[`x${k}`]!), y: c.y!, f: filters.map((_, k) => c[`f${k}`]!) };
      for (let k = 0; k < filters.length; k++) {
        if (!cellPasses(row, idx.f[k]!, filters[k]!)) {
          dropped++;
          return;
        }
      }
      const vals = idx.x.map((j, k) => {
        const v = readNumberCell(row, j, { name: xCols[k]!, quantity: true, expected: 'a finite number' });
        if (v === undefined) throw cellError(row, j, 'missing-value', missingMessage(row.values[j], xCols[k]!), 'a number', cellText(row.values[j]));
        return v;
      });
      const yv = readNumberCell(row, idx.y, { name: yCol, quantity: true, expected: 'a finite number' });
      if (yv === undefined) throw cellError(row, idx.y, 'missing-value', missingMessage(row.values[idx.y], yCol), 'a number', cellText(row.values[idx.y]));
      vals.forEach((v, k) => xs[k]!.push(v));
      y.push(yv);
      lines.push(row.line);
    },
  };
  const result = (): PointsTable => ({
    x: xs.map((c) => Float64Array.from(c)),
    y: Float64Array.from(y),
    lines,
    dropped,
    xNames: idx === null ? xCols : idx.x.map((j) => header[j]!),
    yName: idx === null ? yCol : header[idx.y]!,
  });
  return { handler, result };
}

/** Reads points from a table file (.csv, .tsv, .jsonl). */
export function readPoints(path: string, xCols: string[], yCol: string, filters: RowFilter[] = []): PointsTable {
  const h = pointsHandler(xCols, yCol, filters);
  readTableFile(path, h.handler);
  return h.result();
}

/** Reads points from table text. */
export function parsePointsText(text: string, file: string, format: TableFormat, xCols: string[], yCol: string, filters: RowFilter[] = []): PointsTable {
  const h = pointsHandler(xCols, yCol, filters);
  readTableText(text, file, format, h.handler);
  return h.result();
}
