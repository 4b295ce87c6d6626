/** The decline's precision and recall: at each confidence floor, the share of in-scope questions answered and of out-of-scope ones declined. */
import type { Gold } from './gold.js';

export interface CurvePoint {
  floor: number;
  answered: number;
  declined: number;
}

export function declineCurve(
  gold: readonly Gold[],
  confidence: (question: string) => number,
  step = 0.05,
): CurvePoint[] {
  const inScope = gold.filter((g) => g.expect).map((g) => confidence(g.q));
  const outOfScope = gold.filter((g) => !g.expect).map((g) => confidence(g.q));
  const points: CurvePoint[] = [];
  for (let floor = 0; floor <= 1 + 1e-9; floor += step) {
    points.push({
      floor,
      answered: inScope.filter((c) => c >= floor).length / Math.max(1, inScope.length),
      declined: outOfScope.filter((c) => c < floor).length / Math.max(1, outOfScope.length),
    });
  }
  return points;
}
