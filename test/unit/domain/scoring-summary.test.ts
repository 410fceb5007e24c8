/** The debrief's "in short": what went well, and the one or two things to work on (summariseReport). */
import { describe, expect, it } from 'vitest';
import type { CheckResult, Deviation, RegradeResult } from '../../../src/domain/score-report-schema';
import { summariseReport, type SummaryInputs } from '../../../src/domain/scoring';

const full = { fraction: 1, weight: 20 };
const categories = (over: Partial<SummaryInputs['categories']> = {}): SummaryInputs['categories'] => ({
  thrive: full,
  grade: full,
  safeguarding: { fraction: 1, weight: 25 },
  keyQuestions: { fraction: 1, weight: 15 },
  ...over,
});
const deviation = (id: string, category: Deviation['category'], severity: Deviation['severity']): Deviation => ({ id, category, severity, description: id, reason: 'r' });
const regrade = (verdict: RegradeResult['verdict']): RegradeResult => ({
  id: 'weapon', expected: 'emergency', acceptable: [], after: { clip: 'c', line: 0 }, cueAtMs: 1_000, withinSeconds: 30,
  gradeAtDeadline: 'emergency', reachedAtMs: 2_000, secondsAfterCue: 1, verdict, credit: 1, severity: 'critical', reason: 'r',
});
const check = (verdict: CheckResult['verdict']): CheckResult => ({
  id: 'markers', checkId: 'warning-markers:n', database: 'warning-markers', subject: 'n', subjectLabel: 'N', requestedAtMs: 1, dueAtMs: 2,
  verdict, credit: 1, severity: 'critical', reason: 'r',
});

describe('summariseReport', () => {
  it.each<[string, SummaryInputs, string[]]>([
    ['every weighted category at full marks, by label', { categories: categories() }, ['THRIVE+ assessment', 'Grade', 'Safeguarding actions', 'Information and checks']],
    ['a category the call does not weigh is not praised', { categories: categories({ keyQuestions: { fraction: 1, weight: 0 } }) }, ['THRIVE+ assessment', 'Grade', 'Safeguarding actions']],
    ['a category short of full marks is not praised', { categories: categories({ grade: { fraction: 0.99, weight: 20 } }) }, ['THRIVE+ assessment', 'Safeguarding actions', 'Information and checks']],
    [
      're-grades made in time are named',
      { categories: categories({ thrive: { fraction: 0.5, weight: 20 }, safeguarding: { fraction: 0.5, weight: 25 }, keyQuestions: { fraction: 0.5, weight: 15 } }), regrades: [regrade('in-time'), regrade('already-there'), regrade('cue-not-reached')] },
      ['Grade', 'Re-graded in time when new information came in'],
    ],
    ['a late re-grade is not praised', { categories: categories({ grade: { fraction: 0.75, weight: 20 } }), regrades: [regrade('in-time'), regrade('late')] }, ['THRIVE+ assessment', 'Safeguarding actions', 'Information and checks']],
    [
      'checks all in time are named when questions let the category down',
      { categories: categories({ keyQuestions: { fraction: 0.5, weight: 15 } }), checks: [check('on-time')] },
      ['THRIVE+ assessment', 'Grade', 'Safeguarding actions', 'Ran every required systems check in time'],
    ],
    ['checks in time are not repeated when the category is already praised', { categories: categories(), checks: [check('on-time')] }, ['THRIVE+ assessment', 'Grade', 'Safeguarding actions', 'Information and checks']],
    [
      'nothing at full marks: the strongest area at 75 % or more',
      { categories: { thrive: { fraction: 0.6, weight: 20 }, grade: { fraction: 0.8, weight: 20 }, safeguarding: { fraction: 0.5, weight: 25 }, keyQuestions: { fraction: 0.9, weight: 0 } } },
      ['Mostly right: Grade (80 %)'],
    ],
    ['nothing at full marks and nothing near it: nothing', { categories: { thrive: { fraction: 0.6, weight: 20 }, grade: { fraction: 0.5, weight: 20 }, safeguarding: { fraction: 0.5, weight: 25 }, keyQuestions: { fraction: 0.7, weight: 15 } } }, []],
  ])('went well: %s', (_name, inputs, expected) => {
    expect(summariseReport(inputs).wentWell).toEqual(expected);
  });

  it.each<[string, Deviation[], string[]]>([
    ['no deviations: nothing to work on', [], []],
    ['one deviation', [deviation('grade', 'grade', 'major')], ['grade']],
    ['the two most severe, from different categories', [deviation('critical:dv', 'safeguarding', 'critical'), deviation('grade', 'grade', 'major'), deviation('thrive:risk', 'thrive', 'moderate')], ['critical:dv', 'grade']],
    [
      'a critical miss and the check it repeats are one lesson: the next category instead',
      [deviation('critical:markers', 'keyQuestions', 'critical'), deviation('check:warning-markers:n', 'keyQuestions', 'critical'), deviation('thrive:risk', 'thrive', 'moderate')],
      ['critical:markers', 'thrive:risk'],
    ],
    ['a minor second point is left out after a worse first one', [deviation('grade', 'grade', 'major'), deviation('rationale:harm', 'recording', 'minor')], ['grade']],
    ['two minor points are both kept', [deviation('grade', 'grade', 'minor'), deviation('location', 'location', 'minor')], ['grade', 'location']],
    ['never more than two', [deviation('a', 'grade', 'moderate'), deviation('b', 'thrive', 'moderate'), deviation('c', 'safeguarding', 'moderate')], ['a', 'b']],
  ])('to work on: %s', (_name, deviations, expected) => {
    expect(summariseReport({ categories: categories(), deviations }).workOn).toEqual(expected);
  });
});
