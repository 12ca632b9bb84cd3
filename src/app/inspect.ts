/**
 * The `inspect` job: what the inputs hold — models by compute, benchmarks with coverage, every
 * model's score on every benchmark, and warnings.
 */
import { UsageError } from '../core/userError.js';
import { loadDataset, type LoadDatasetOptions } from '../data/loadDataset.js';
import { familiesOf, familyMembers, selectModels } from '../data/selectModels.js';
import { summarizeDataset, type DatasetSummary } from '../data/summarizeDataset.js';
import type { Dataset } from '../data/types.js';

/** What `inspect` is asked. */
export interface InspectRequest {
  input: LoadDatasetOptions;
  /** Only the models of this family. */
  family?: string;
}

/** Reads the inputs and summarises them. */
export function inspectJob(request: InspectRequest): DatasetSummary {
  let data = loadDataset(request.input);
  if (request.family !== undefined) data = onlyFamily(data, request.family);
  return summarizeDataset(data);
}

/** The dataset narrowed to one family. @throws UsageError when no model of the models table has that family */
export function onlyFamily(data: Dataset, family: string): Dataset {
  const members = familyMembers(data, family);
  if (members === undefined) {
    const known = familiesOf(data);
    if (data.models === null) throw new UsageError('--family needs a models table with a family column (pass --models FILE)');
    throw new UsageError(
      known.length === 0
        ? `--family ${family}: the models table has no family column`
        : `no model of the models table has family "${family}"; the families are: ${known.join(', ')}`,
    );
  }
  return selectModels(data, (m) => members.has(m));
}

