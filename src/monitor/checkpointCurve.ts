/**
 * A run's checkpoint curve on one benchmark: its scores at increasing training tokens. The unit of
 * everything in `src/monitor/`: a run in progress is a curve cut at its last checkpoint, and the
 * ladder runs trained the same way are whole curves.
 */

/** One evaluated checkpoint. */
export interface CheckpointPoint {
  /** Training tokens seen at the checkpoint. */
  tokens: number;
  /** Training step, where known. */
  step?: number;
  /** Score in [0, 1]. */
  score: number;
  /** A loss logged with it (the task's bits per byte, or a validation loss), where known. */
  loss?: number;
}

/** A run's checkpoints on one benchmark, by increasing tokens. */
export interface CheckpointCurve {
  run: string;
  benchmark: string;
  /** Parameters of the run's model, where known. */
  params?: number;
  /** Tokens at the end of the run's training (the planned end for a run in progress). */
  endTokens: number;
  points: CheckpointPoint[];
}

/**
 * The curve's score at `tokens`, linearly interpolated in log tokens between its checkpoints (the
 * nearest end outside them); null for an empty curve.
 *
 * @example scoreAt({ …, points: [{ tokens: 1e9, score: 0.3 }, { tokens: 1e11, score: 0.5 }] }, 1e10) // => 0.4
 */
export function scoreAt(curve: Pick<CheckpointCurve, 'points'>, tokens: number): number | null {
  const p = curve.points;
  if (p.length === 0) return null;
  if (tokens <= p[0]!.tokens) return p[0]!.score;
  if (tokens >= p[p.length - 1]!.tokens) return p[p.length - 1]!.score;
  let hi = 1;
  while (p[hi]!.tokens < tokens) hi++;
  const a = p[hi - 1]!;
  const b = p[hi]!;
  const t = (Math.log(tokens) - Math.log(a.tokens)) / (Math.log(b.tokens) - Math.log(a.tokens));
  return a.score + t * (b.score - a.score);
}

/** The curve cut at `tokens`: its checkpoints up to and including that point. */
export function cutCurve(curve: CheckpointCurve, tokens: number): CheckpointCurve {
  return { ...curve, points: curve.points.filter((p) => p.tokens <= tokens) };
}
