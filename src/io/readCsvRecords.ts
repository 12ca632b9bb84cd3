/**
 * A small CSV (or TSV) file as records keyed by column name, each with the line it starts on — for
 * scripts that read third-party tables (ObsScaling, sloth) and cite their lines. Large inputs go
 * through the streaming readers instead. An unnamed first column (a pandas index) is named `index`.
 *
 * @example
 * const rows = readCsvRecords('base_llm_benchmark_eval.csv');
 * rows[0].values['Model']; // 'meta-llama/Llama-2-7b-hf'
 * rows[0].line;            // 2
 */
import { readFileSync } from 'node:fs';
import { readErrorOf } from './inputPath.js';
import { readTableText, resolveTableFormat } from './tableReader.js';

/** One row: its cells by column name (empty string for an empty cell) and its 1-based line. */
export interface CsvRecord {
  values: Record<string, string>;
  line: number;
}

/**
 * Reads the whole file.
 *
 * @throws InputError for a path that does not exist ("PATH: no such file or folder"), a file that
 *   cannot be read, or a malformed file (with file, line and column)
 */
export function readCsvRecords(path: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const format = resolveTableFormat(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw readErrorOf(path, e);
  }
  // pandas writes its index as a first column with an empty name; call it `index`.
  text = text.replace(/^,/, 'index,');
  readTableText(text, path, format, {
    onRow(row) {
      const values: Record<string, string> = {};
      row.header.forEach((h, j) => {
        const v = row.values[j];
        values[h] = v === null || v === undefined ? '' : String(v);
      });
      out.push({ values, line: row.line });
    },
  });
  return out;
}
