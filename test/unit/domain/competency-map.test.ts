import { describe, expect, it } from 'vitest';
import { competencyIds } from '../../../src/domain/attempt-evidence';
import { competencyMap } from '../../../src/domain/competency-map';
import { evidenceAt } from './progress-evidence-builder';

const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T10:00:00.000Z`;

describe('competencyMap', () => {
  it('lists all ten competencies in order, with no evidence before any attempt', () => {
    const map = competencyMap([]);
    expect(map.map((c) => c.id)).toEqual([...competencyIds]);
    expect(map.every((c) => c.evidenceCount === 0 && c.recentShare === undefined && c.latest.length === 0)).toBe(true);
  });

  it.each([
    // [shares of grading, oldest first, window, link limit, expected count, mean, linked attempts (indexes, newest first)]
    [[1, 0], 10, 5, 2, 0.5, [1, 0]],
    [[0, 0, 1, 1], 2, 5, 4, 1, [3, 2, 1, 0]],
    [[0.5, 0.5, 0.5, 1, 1, 1], 3, 2, 6, 1, [5, 4]],
  ] as const)('grading shares %j (window %i, links %i)', (shares, window, links, count, mean, linked) => {
    const evidence = shares.map((share, i) => evidenceAt(day(i + 1), { competencies: { grading: share } }));
    const grading = competencyMap(evidence, window, links).find((c) => c.id === 'grading')!;
    expect(grading.evidenceCount).toBe(count);
    expect(grading.recentShare).toBeCloseTo(mean);
    expect(grading.latest.map((l) => l.attemptId)).toEqual(linked.map((i) => evidence[i]!.attemptId));
  });

  it('links only the attempts that evidence a competency', () => {
    const withChecks = evidenceAt(day(2), { competencies: { 'systems-checks': 1 } });
    const map = competencyMap([evidenceAt(day(1), { competencies: { grading: 1 } }), withChecks]);
    expect(map.find((c) => c.id === 'systems-checks')!.latest.map((l) => l.attemptId)).toEqual([withChecks.attemptId]);
    expect(map.find((c) => c.id === 're-assessment')!.evidenceCount).toBe(0);
  });
});
