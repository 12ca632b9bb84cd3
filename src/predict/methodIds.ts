/**
 * The prediction methods' names, in order of increasing complexity: a module with no dependencies,
 * so that the command line's help can list them without loading the methods.
 */

/** Every method, in order of increasing complexity. */
export const METHODS = ['carry', 'e2e-linear', 'e2e-linear3', 'e2e-logistic', 'e2e-cod', 'two-step', 'pop-curve', 'cod'] as const;

/** A prediction method. */
export type MethodId = (typeof METHODS)[number];
