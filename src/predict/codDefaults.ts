/** COD's defaults that the command line shows in its help, in a module with no dependencies. */

/**
 * Items clustered directly before sampling starts: the improved MeanShift on 8,000 items × 10 models
 * takes about 4 s on one core of this 2-core machine, and its cost grows as about n^1.8.
 */
export const DEFAULT_CLUSTER_SAMPLE = 8000;

/** COD's item-bootstrap replicates and seed, unless asked otherwise. */
export const COD_DEFAULTS = Object.freeze({ bootstrap: 200, seed: 1 });
