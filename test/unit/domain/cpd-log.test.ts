import { describe, expect, it } from 'vitest';
import {
  cpdActivityInputSchema,
  cpdCsv,
  cpdEntries,
  cpdTotals,
  csvCell,
  periodKey,
  periodLabel,
  reflectionInputSchema,
  type CpdActivity,
  type Reflection,
} from '../../../src/domain/cpd-log';
import { evidenceAt } from './progress-evidence-builder';

const activity = (overrides: Partial<CpdActivity> = {}): CpdActivity => ({
  id: crypto.randomUUID(),
  title: 'Vulnerability training day',
  date: '2026-02-14',
  minutes: 180,
  kind: 'course',
  notes: '',
  ...overrides,
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    [42, '42'],
    ['a, b', '"a, b"'],
    ['she said "no"', '"she said ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 1234', "'+44 1234"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tindented', "'\tindented"],
    ['\rreturn', `"'\rreturn"`],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ] as const)('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('periods', () => {
  it.each([
    ['2026-03-31', 'month', '2026-03', 'March 2026'],
    ['2026-03-31', 'quarter', '2026-Q1', 'Q1 2026 (Jan to Mar)'],
    ['2026-04-01', 'quarter', '2026-Q2', 'Q2 2026 (Apr to Jun)'],
    ['2026-12-31', 'quarter', '2026-Q4', 'Q4 2026 (Oct to Dec)'],
    ['2026-12-31', 'year', '2026', '2026'],
  ] as const)('%s by %s is %s (%s)', (date, period, key, label) => {
    expect(periodKey(date, period)).toBe(key);
    expect(periodLabel(key)).toBe(label);
  });
});

describe('cpdEntries and cpdTotals', () => {
  const a1 = evidenceAt('2026-01-10T09:00:00.000Z', { minutes: 6, scenarioTitle: 'Call one', percent: 84.6 });
  const a2 = evidenceAt('2026-03-05T09:00:00.000Z', { minutes: 4, scenarioTitle: 'Call two' });
  const reflection: Reflection = { attemptId: a2.attemptId, whatHappened: 'I under-graded it', whatILearned: 'Listen for children', whatIWillDoDifferently: 'Ask who is in the house', updatedAt: '2026-03-05T10:00:00.000Z' };
  const course = activity({ date: '2026-02-14', minutes: 180 });
  const entries = cpdEntries([a1, a2], [reflection], [course]);

  it('derives one entry per attempt with its own time, beside recorded activity, newest first', () => {
    expect(entries.map((e) => [e.kind, e.date, e.minutes])).toEqual([
      ['attempt', '2026-03-05', 4],
      ['activity', '2026-02-14', 180],
      ['attempt', '2026-01-10', 6],
    ]);
    expect(entries[0]).toMatchObject({ kind: 'attempt', reflection });
    expect(entries[2]).toMatchObject({ kind: 'attempt', percent: 85, reflection: undefined });
  });

  it.each([
    ['month', [['2026-03', 4, 0, 1], ['2026-02', 0, 180, 0], ['2026-01', 6, 0, 0]]],
    ['quarter', [['2026-Q1', 10, 180, 1]]],
    ['year', [['2026', 10, 180, 1]]],
  ] as const)('totals by %s', (period, expected) => {
    expect(cpdTotals(entries, period).map((t) => [t.period, t.attemptMinutes, t.activityMinutes, t.reflections])).toEqual(expected);
    expect(cpdTotals(entries, period).reduce((sum, t) => sum + t.totalMinutes, 0)).toBe(190);
  });

  it('exports CSV with a header, CRLF rows, reflections and neutralised formulas', () => {
    const risky = activity({ title: '=cmd|calc', notes: 'Notes, with "quotes"', date: '2026-02-01' });
    const csv = cpdCsv(cpdEntries([a2], [reflection], [risky]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Date,Type,Title,Minutes,Score (%),Compliance band,What happened,What I learned,What I will do differently,Activity kind,Notes');
    expect(lines[1]).toBe('2026-03-05,call-trainer attempt,Call two,4,85,Competent,I under-graded it,Listen for children,Ask who is in the house,,');
    expect(lines[2]).toBe(`2026-02-01,CPD activity,'=cmd|calc,180,,,,,,course,"Notes, with ""quotes"""`);
    expect(lines[3]).toBe('');
  });
});

describe('input schemas', () => {
  it.each([
    [{}, 'title', 'give the activity a title'],
    [{ date: '2026-02-30' }, 'date', 'that date does not exist'],
    [{ date: '14/02/2026' }, 'date', 'enter a date as year-month-day, e.g. 2026-03-01'],
    [{ minutes: 0 }, 'minutes', 'enter at least 1 minute'],
    [{ minutes: 1.5 }, 'minutes', 'enter the time spent in whole minutes'],
    [{ kind: 'nap' }, 'kind', 'choose the kind of activity'],
  ] as const)('an activity with %j is refused at %s', (overrides, field, message) => {
    const result = cpdActivityInputSchema.safeParse({ title: '', date: '2026-02-14', minutes: 30, kind: 'course', notes: '', ...(field === 'title' ? {} : { title: 'x' }), ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  it('accepts a reflection with one part and refuses an empty one at its first field', () => {
    expect(reflectionInputSchema.safeParse({ whatHappened: '', whatILearned: 'x', whatIWillDoDifferently: '' }).success).toBe(true);
    const empty = reflectionInputSchema.safeParse({ whatHappened: ' ', whatILearned: '', whatIWillDoDifferently: '' });
    expect(empty.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['whatHappened', 'write at least one part of your reflection']]);
  });
});
