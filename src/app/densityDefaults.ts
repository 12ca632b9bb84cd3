/** Defaults of the density options, in a module with no dependencies (the command line's help shows them). */

export const DENSITY_DEFAULTS = Object.freeze({
  form: 'auto' as const,
  ceiling: 1,
  d0: 1e12,
  extrapolation: 10,
  fit: 'envelope' as const,
  origin: '2023-02-24',
  bootstrap: 1000,
  seed: 1,
});


/**
 * The reference family of the embedded public table (`datasets/public/density.*`): the widest size
 * ladder in it (Qwen1.5, 0.5B–110B). `density` without scores runs on that table against it.
 */
export const EMBEDDED_DENSITY_REFERENCE = 'Qwen1.5';
