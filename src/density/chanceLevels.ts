/**
 * Chance levels (the score of random answers) of the Open LLM Leaderboard v1 benchmarks, under the
 * names scalecast's public tables use. They are the reference curve's floors: MMLU, ARC-Challenge and
 * HellaSwag are 4-way multiple choice (0.25), Winogrande 2-way (0.5), GSM8K open answers (0).
 * sloth's `lower_bounds.csv` lists empirical floors close to these (ARC 0.20, HellaSwag 0.25, MMLU
 * 0.23, Winogrande 0.48, GSM8K 0).
 *
 * @example OPEN_LLM_LEADERBOARD_V1_CHANCE.mmlu // => 0.25
 */
export const OPEN_LLM_LEADERBOARD_V1_CHANCE: Readonly<Record<string, number>> = Object.freeze({ mmlu: 0.25, arc_challenge: 0.25, hellaswag: 0.25, winogrande: 0.5, gsm8k: 0 });
