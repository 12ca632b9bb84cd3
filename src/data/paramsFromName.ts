/**
 * The parameter count a model's name states, as in `pythia-70m`, `Qwen1.5-14B-Chat`, `opt-1.3b` or
 * `llama-65b`: the last number followed by k, m, b or t (thousand, million, billion, trillion) that
 * stands apart from letters and digits. Used only to order models that have no size in a models
 * table; never as a size for a fit.
 *
 * @example paramsFromName('pythia-1.4b-deduped') // => 1.4e9
 * @example paramsFromName('phi-1_5') // => undefined
 */
export function paramsFromName(name: string): number | undefined {
  const scale: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  let found: number | undefined;
  for (const m of name.matchAll(/(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)([kmbt])(?![A-Za-z0-9])/gi)) {
    found = Number(m[1]) * scale[m[2]!.toLowerCase()]!;
  }
  return found;
}
