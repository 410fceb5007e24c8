import { describe, expect, it } from 'vitest';
import type { ActionGroup } from '../../../src/domain/attempt-evidence';
import {
  cohortFigures,
  commonestCriticalMisses,
  mergeCohort,
  ratingSpread,
  scoreTrend,
  unnamedTraineeName,
  type CohortAttempt,
  type CohortFile,
  type PolicyOrders,
} from '../../../src/domain/cohort-figures';
import type { ScoreReport } from '../../../src/domain/score-report-schema';
import { buildAttempt, buildScoreReport } from '../store/attempt-builder';

const SAM = '11111111-1111-4111-8111-111111111111';
const ALEX = '22222222-2222-4222-8222-222222222222';
const DEFAULT = '33333333-3333-4333-8333-333333333333';

const NCHS: PolicyOrders = {
  grades: ['emergency', 'priority', 'scheduled', 'resolution-without-deployment'],
  ratings: ['low', 'medium', 'high'],
  elements: ['threat', 'harm', 'risk', 'investigation', 'vulnerability', 'engagement'],
};
const options = { ordersOf: (id: string) => (id === 'national-call-handling-standards' ? NCHS : undefined), groupOf: (): ActionGroup | undefined => undefined };

let day = 0;
/** An attempt by `profileId`, completed a day after the previous one built, with report overrides. */
function attempt(profileId: string, report: Partial<ScoreReport> = {}, more: Partial<CohortAttempt> = {}): CohortAttempt {
  day += 1;
  const at = new Date(Date.UTC(2026, 0, day, 10)).toISOString();
  return buildAttempt({ profileId, startedAt: at, completedAt: at, report: buildScoreReport(report), ...more });
}

function element(name: string, expected: string, given: string | null, acceptable: string[] = []): ScoreReport['elements'][number] {
  const verdict = given === expected ? 'expected' : given === null ? 'not-rated' : acceptable.includes(given) ? 'acceptable' : 'wrong';
  return { element: name, expected, given, acceptable, verdict, credit: verdict === 'expected' || verdict === 'acceptable' ? 1 : 0, givenRationale: '', expertRationale: '', cues: [] };
}

function grade(expected: string, given: string | null, verdict: ScoreReport['grade']['verdict']): ScoreReport['grade'] {
  return { expected, given, verdict, acceptable: [], levelsOff: verdict === 'under-graded' || verdict === 'over-graded' ? 1 : 0, credit: 1, expertRationale: '', cues: [] };
}

const miss = (id: string, description: string) => ({ id, description, reason: 'r' });

describe('mergeCohort', () => {
  const samFirst = attempt(SAM);
  const samSecond = attempt(SAM);
  const alexOnly = attempt(ALEX);
  const file = (name: string, profiles: CohortFile['profiles'], attempts: CohortAttempt[]): CohortFile => ({ file: name, profiles, attempts });

  it.each([
    [
      'two trainees in two files',
      [file('sam.json', [{ id: SAM, name: 'Sam Okafor' }], [samFirst, samSecond]), file('alex.json', [{ id: ALEX, name: 'Alex Brown' }], [alexOnly])],
      { trainees: [['Alex Brown', 1], ['Sam Okafor', 2]], attempts: 3, repeatedAttempts: 0, traineesWithoutAttempts: 0 },
    ],
    [
      'the same trainee’s file twice: each attempt once',
      [file('sam.json', [{ id: SAM, name: 'Sam Okafor' }], [samFirst, samSecond]), file('sam copy.json', [{ id: SAM, name: 'Sam Okafor' }], [samFirst, samSecond])],
      { trainees: [['Sam Okafor', 2]], attempts: 2, repeatedAttempts: 2, traineesWithoutAttempts: 0 },
    ],
    [
      'an older and a newer backup of one trainee: the union',
      [file('old.json', [{ id: SAM, name: 'Sam Okafor' }], [samFirst]), file('new.json', [{ id: SAM, name: 'Sam Okafor' }], [samFirst, samSecond])],
      { trainees: [['Sam Okafor', 2]], attempts: 2, repeatedAttempts: 1, traineesWithoutAttempts: 0 },
    ],
    [
      'a shared PC’s profile without attempts is counted, not listed',
      [file('pc.json', [{ id: DEFAULT, name: 'Trainee' }, { id: ALEX, name: 'Alex Brown' }], [alexOnly])],
      { trainees: [['Alex Brown', 1]], attempts: 1, repeatedAttempts: 0, traineesWithoutAttempts: 1 },
    ],
    [
      'an attempt whose profile no file names',
      [file('odd.json', [], [alexOnly])],
      { trainees: [[unnamedTraineeName(ALEX), 1]], attempts: 1, repeatedAttempts: 0, traineesWithoutAttempts: 0 },
    ],
  ] as const)('%s', (_what, files, expected) => {
    const cohort = mergeCohort(files);
    expect(cohort.trainees.map((t) => [t.name, t.attempts.length])).toEqual(expected.trainees);
    expect({ attempts: cohort.attempts, repeatedAttempts: cohort.repeatedAttempts, traineesWithoutAttempts: cohort.traineesWithoutAttempts }).toEqual({
      attempts: expected.attempts,
      repeatedAttempts: expected.repeatedAttempts,
      traineesWithoutAttempts: expected.traineesWithoutAttempts,
    });
  });

  it('lists a trainee’s attempts oldest first and the files that carried them', () => {
    const cohort = mergeCohort([file('b.json', [{ id: SAM, name: 'Sam Okafor' }], [samSecond]), file('a.json', [{ id: SAM, name: 'Sam Okafor' }], [samFirst])]);
    expect(cohort.trainees[0]!.attempts.map((a) => a.id)).toEqual([samFirst.id, samSecond.id]);
    expect(cohort.trainees[0]!.files).toEqual(['b.json', 'a.json']);
  });
});

describe('ratingSpread', () => {
  const cellsOf = (row: ReturnType<typeof ratingSpread>[number]) => row.cells.map((c) => [c.given, c.count, c.kind]);

  it.each([
    // [given ratings for threat (expected high, medium acceptable), cells low/medium/high/not rated, under, over]
    [
      'every rating once',
      ['low', 'medium', 'high', null],
      [
        ['low', 1, 'under'],
        ['medium', 1, 'match'],
        ['high', 1, 'match'],
        [null, 1, 'not-rated'],
      ],
      1,
      0,
    ],
    [
      'all on the expert’s rating',
      ['high', 'high'],
      [
        ['low', 0, 'under'],
        ['medium', 0, 'under'],
        ['high', 2, 'match'],
        [null, 0, 'not-rated'],
      ],
      0,
      0,
    ],
  ] as const)('%s', (_what, given, cells, under, over) => {
    const attempts = given.map((g) => attempt(SAM, { elements: [element('threat', 'high', g, ['medium'])] }));
    const [threat] = ratingSpread(attempts, NCHS);
    expect(threat).toMatchObject({ element: 'threat', expected: 'high', underRated: under, overRated: over, total: given.length });
    expect(cellsOf(threat!)).toEqual(cells);
  });

  it('marks ratings above the expert’s as over-rating, and counts acceptable ones as accepted', () => {
    const attempts = [
      attempt(SAM, { elements: [element('harm', 'low', 'high')] }),
      attempt(SAM, { elements: [element('harm', 'low', 'medium', ['medium'])] }),
    ];
    const [harm] = ratingSpread(attempts, NCHS);
    expect(harm!.cells.find((c) => c.given === 'high')).toMatchObject({ count: 1, kind: 'over' });
    expect(harm!.cells.find((c) => c.given === 'medium')).toMatchObject({ count: 1, accepted: 1, kind: 'match' });
    expect({ under: harm!.underRated, over: harm!.overRated }).toEqual({ under: 0, over: 1 });
  });

  it('lays out elements in the policy’s order, one row per expected rating, then elements only the reports know', () => {
    const attempts = [
      attempt(SAM, { elements: [element('plus', 'low', 'low'), element('risk', 'high', 'high'), element('threat', 'medium', 'medium')] }),
      attempt(ALEX, { elements: [element('threat', 'high', 'high')] }),
    ];
    expect(ratingSpread(attempts, NCHS).map((r) => [r.element, r.expected])).toEqual([
      ['threat', 'high'],
      ['threat', 'medium'],
      ['risk', 'high'],
      ['plus', 'low'],
    ]);
  });
});

describe('commonestCriticalMisses', () => {
  it('counts attempts and trainees per miss, commonest first, ties by description', () => {
    const attempts = [
      attempt(SAM, { criticalMisses: [miss('under-graded', 'Under-graded a risk to life'), miss('no-dv-check', 'No DA marker check')] }),
      attempt(SAM, { criticalMisses: [miss('under-graded', 'Under-graded a risk to life')] }),
      attempt(ALEX, { criticalMisses: [miss('under-graded', 'Under-graded a risk to life'), miss('call-ended', 'Ended the call')] }),
      attempt(ALEX, { criticalMisses: [] }),
    ];
    expect(commonestCriticalMisses(attempts)).toEqual([
      { id: 'under-graded', description: 'Under-graded a risk to life', count: 3, trainees: 2 },
      { id: 'call-ended', description: 'Ended the call', count: 1, trainees: 1 },
      { id: 'no-dv-check', description: 'No DA marker check', count: 1, trainees: 1 },
    ]);
  });
});

describe('scoreTrend', () => {
  it.each([
    // [scores oldest first, threshold, trend, latest minus the mean of the earlier ones]
    [[70], 5, 'one-attempt', undefined],
    [[50, 60, 70], 5, 'improving', 15],
    [[80, 78, 82], 5, 'steady', 3],
    [[90, 90, 80], 5, 'declining', -10],
    [[90, 90, 80], 10, 'steady', -10],
    [[60, 66], 5, 'improving', 6],
    [[60, 64.96], 5, 'steady', 5],
  ] as const)('%j with threshold %d: %s (%s points)', (percents, threshold, trend, change) => {
    expect(scoreTrend(percents, threshold)).toEqual({ trend, change });
  });
});

describe('cohortFigures', () => {
  const title = 'Whispered 999: she cannot talk freely';
  const samGood = attempt(SAM, { grade: grade('emergency', 'emergency', 'expected'), percent: 60, band: { id: 'low', label: 'Low compliance' } });
  const samBetter = attempt(SAM, { grade: grade('emergency', 'emergency', 'expected'), percent: 80, band: { id: 'competent', label: 'Competent' } });
  const alexUnder = attempt(ALEX, {
    grade: grade('emergency', 'priority', 'under-graded'),
    percent: 40,
    band: { id: 'not-yet-competent', label: 'Not yet competent' },
    criticalMisses: [miss('under-graded', 'Under-graded a risk to life')],
  });
  const other = attempt(ALEX, { grade: grade('priority', 'scheduled', 'under-graded') }, { scenarioId: 'bike-theft-rwd-101', scenarioTitle: 'A bike stolen' });
  const cohort = mergeCohort([
    { file: 'sam.json', profiles: [{ id: SAM, name: 'Sam Okafor' }], attempts: [samGood, samBetter] },
    { file: 'alex.json', profiles: [{ id: ALEX, name: 'Alex Brown' }], attempts: [alexUnder, other] },
  ]);
  const figures = cohortFigures(cohort, options);

  it('gives each scenario its attempts, trainees, grade spread and critical misses', () => {
    expect(figures.scenarios.map((s) => [s.title, s.attempts, s.trainees])).toEqual([
      ['A bike stolen', 1, 1],
      [title, 3, 2],
    ]);
    const whispered = figures.scenarios[1]!;
    expect(whispered.grades.grades).toEqual(NCHS.grades);
    expect(whispered.grades.cells.find((c) => c.expected === 'emergency' && c.given === 'emergency')).toMatchObject({ count: 2, kind: 'match' });
    expect(whispered.grades.cells.find((c) => c.expected === 'emergency' && c.given === 'priority')).toMatchObject({ count: 1, kind: 'under' });
    expect({ under: whispered.grades.underGraded, over: whispered.grades.overGraded }).toEqual({ under: 1, over: 0 });
    expect(whispered.criticalMisses).toEqual([{ id: 'under-graded', description: 'Under-graded a risk to life', count: 1, trainees: 1 }]);
    // The builder's report rates engagement medium where the expert says high: every attempt under-rates it.
    const engagement = whispered.ratings.find((r) => r.element === 'engagement')!;
    expect(engagement).toMatchObject({ expected: 'high', underRated: 3, total: 3 });
  });

  it('gives each trainee their attempts, latest band, score trend and weakest competency', () => {
    expect(figures.trainees.map((t) => [t.name, t.attempts, t.latest.band.label, t.scores.map((s) => s.percent), t.trend])).toEqual([
      ['Alex Brown', 2, 'Competent', [40, 79.7], 'improving'],
      ['Sam Okafor', 2, 'Competent', [60, 80], 'improving'],
    ]);
    // Both reports: grade 1, THRIVE+ 0.93, safeguarding 0.5, key questions 0.5 (information gathering first in the map's order).
    expect(figures.trainees[1]!.weakest).toMatchObject({ id: 'information-gathering', share: 0.5 });
  });

  it('keeps only the latest scores for the trend', () => {
    const many = Array.from({ length: 7 }, (_, i) => attempt(SAM, { percent: 50 + i }));
    const [sam] = cohortFigures(mergeCohort([{ file: 'f', profiles: [{ id: SAM, name: 'Sam' }], attempts: many }]), { ...options, trendAttempts: 3 }).trainees;
    expect(sam!.scores.map((s) => s.percent)).toEqual([54, 55, 56]);
    expect(sam!.attempts).toBe(7);
  });

  it('lists at most the limit of critical misses and counts the rest', () => {
    const attempts = ['a', 'b', 'c', 'd'].map((id) => attempt(SAM, { criticalMisses: [miss(id, `Miss ${id}`)] }));
    const [scenario] = cohortFigures(mergeCohort([{ file: 'f', profiles: [], attempts }]), { ...options, criticalMissLimit: 2 }).scenarios;
    expect(scenario!.criticalMisses.map((m) => m.id)).toEqual(['a', 'b']);
    expect(scenario!.criticalMissKinds).toBe(4);
  });
});
