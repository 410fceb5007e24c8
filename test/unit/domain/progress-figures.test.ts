import { describe, expect, it } from 'vitest';
import { complianceWindow, elementAccuracy, gradeConfusion, scoreTimeline, timeToGradeTrend } from '../../../src/domain/progress-figures';
import { evidenceAt } from './progress-evidence-builder';

const grades = ['emergency', 'priority', 'scheduled', 'resolution-without-deployment'];
const bands = [
  { id: 'high', label: 'High compliance' },
  { id: 'competent', label: 'Competent' },
  { id: 'partial', label: 'Partial compliance' },
  { id: 'low', label: 'Low compliance' },
  { id: 'not-yet-competent', label: 'Not yet competent' },
];
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T10:00:00.000Z`;

describe('scoreTimeline', () => {
  it('keeps the latest attempts, oldest first, scores to one decimal', () => {
    const evidence = [evidenceAt(day(1), { percent: 50.04 }), evidenceAt(day(2), { percent: 70 }), evidenceAt(day(3), { percent: 91.26 })];
    expect(scoreTimeline(evidence, 2).map((p) => [p.completedAt, p.percent])).toEqual([
      [day(2), 70],
      [day(3), 91.3],
    ]);
  });
});

describe('elementAccuracy', () => {
  it.each([
    ['no attempts', [], { attempts: 0, matched: 0, accuracy: 0 }],
    ['expected and acceptable both match', ['expected', 'acceptable'], { attempts: 2, matched: 2, accuracy: 1 }],
    ['one step off and wrong do not', ['expected', 'one-step-off', 'wrong', 'not-rated'], { attempts: 4, matched: 1, oneStepOff: 1, wrong: 1, notRated: 1, accuracy: 0.25 }],
  ] as const)('%s', (_what, verdicts, expected) => {
    const evidence = verdicts.map((verdict, i) => evidenceAt(day(i + 1), { elements: [{ element: 'threat', verdict, credit: 0 }] }));
    const [threat] = elementAccuracy(evidence, ['threat', 'harm']);
    expect(threat).toMatchObject({ element: 'threat', ...expected });
  });

  it('lists the policy elements in order, then elements only the reports know', () => {
    const evidence = [evidenceAt(day(1), { elements: [{ element: 'safeguarding-plus', verdict: 'expected', credit: 1 }] })];
    expect(elementAccuracy(evidence, ['threat', 'harm']).map((e) => e.element)).toEqual(['threat', 'harm', 'safeguarding-plus']);
  });
});

describe('gradeConfusion', () => {
  const cell = (c: ReturnType<typeof gradeConfusion>, expected: string, given: string | null) => c.cells.find((x) => x.expected === expected && x.given === given)!;

  it.each([
    // [expected, given, verdict, cell kind]
    ['emergency', 'emergency', 'expected', 'match'],
    ['emergency', 'priority', 'under-graded', 'under'],
    ['scheduled', 'emergency', 'over-graded', 'over'],
    ['priority', null, 'not-graded', 'not-graded'],
  ] as const)('expected %s, given %s: %s is marked %s', (expected, given, verdict, kind) => {
    const c = gradeConfusion([evidenceAt(day(1), { grade: { expected, given, verdict } })], grades);
    expect(cell(c, expected, given)).toMatchObject({ count: 1, kind });
  });

  it('counts every pair, under- and over-grading, and accepted grades', () => {
    const c = gradeConfusion(
      [
        evidenceAt(day(1), { grade: { expected: 'emergency', given: 'priority', verdict: 'under-graded', levelsOff: 1 } }),
        evidenceAt(day(2), { grade: { expected: 'emergency', given: 'priority', verdict: 'under-graded', levelsOff: 1 } }),
        evidenceAt(day(3), { grade: { expected: 'priority', given: 'emergency', verdict: 'acceptable' } }),
        evidenceAt(day(4), { grade: { expected: 'scheduled', given: 'priority', verdict: 'over-graded', levelsOff: 1 } }),
      ],
      grades,
    );
    expect(c.grades).toEqual(grades);
    expect(c.cells).toHaveLength(4 * 5);
    expect(cell(c, 'emergency', 'priority').count).toBe(2);
    expect(cell(c, 'priority', 'emergency')).toMatchObject({ count: 1, accepted: 1, kind: 'over' });
    expect({ under: c.underGraded, over: c.overGraded, total: c.total }).toEqual({ under: 2, over: 1, total: 4 });
  });
});

describe('timeToGradeTrend', () => {
  it('leaves out ungraded attempts and averages over the window', () => {
    const evidence = [10, null, 20, 30, 60].map((s, i) => evidenceAt(day(i + 1), { timeToGradeMs: s === null ? null : s * 1000 }));
    expect(timeToGradeTrend(evidence, 10, 2).map((p) => [p.seconds, p.movingAverageSeconds])).toEqual([
      [10, 10],
      [20, 15],
      [30, 25],
      [60, 45],
    ]);
    expect(timeToGradeTrend(evidence, 2, 3).map((p) => [p.seconds, p.movingAverageSeconds])).toEqual([
      [30, 20],
      [60, 36.7],
    ]);
  });
});

describe('complianceWindow', () => {
  it.each([
    // [bands of the attempts oldest first, window, expected counts by band, bands over their ceiling]
    [[], 10, { high: 0, competent: 0 }, []],
    [['high', 'high', 'competent'], 10, { high: 2, competent: 1 }, []],
    [['partial', 'high', 'high', 'high', 'high', 'high', 'high', 'high', 'high', 'high', 'high'], 10, { high: 10, partial: 0 }, []],
    [['high', 'partial', 'high', 'high', 'high', 'high', 'high', 'high', 'high', 'high', 'not-yet-competent'], 10, { high: 8, partial: 1, 'not-yet-competent': 1 }, ['not-yet-competent']],
    [['low', 'low', 'high'], 3, { low: 2, high: 1 }, ['low']],
  ] as const)('%j over the last %i', (bandIds, size, counts, over) => {
    const evidence = bandIds.map((id, i) => evidenceAt(day(i + 1), { band: bands.find((b) => b.id === id)! }));
    const window = complianceWindow(evidence, size, bands);
    expect(window.attempts).toBe(Math.min(size, bandIds.length));
    for (const [id, count] of Object.entries(counts)) expect(window.bands.find((b) => b.id === id)?.count).toBe(count);
    expect(window.bands.filter((b) => b.overCeiling).map((b) => b.id)).toEqual(over);
  });
});
