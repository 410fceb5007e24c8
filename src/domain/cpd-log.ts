import { z } from 'zod';
import type { AttemptEvidence } from './attempt-evidence';

/**
 * The CPD log: every attempt counts its own time (derived from the attempt, never copied), the
 * trainee's reflections on attempts, and other CPD activity they record. Totals per period and the
 * CSV export are computed here.
 */

const longText = (field: string) => z.string().trim().max(4000, `keep ${field} to 4,000 characters or fewer`);

/** A reflection on one attempt (what happened, what I learned, what I will do differently). */
export const reflectionInputSchema = z
  .strictObject({
    whatHappened: longText('what happened'),
    whatILearned: longText('what you learned'),
    whatIWillDoDifferently: longText('what you will do differently'),
  })
  .superRefine((value, ctx) => {
    if (!value.whatHappened && !value.whatILearned && !value.whatIWillDoDifferently) {
      ctx.addIssue({ code: 'custom', path: ['whatHappened'], message: 'write at least one part of your reflection' });
    }
  });
export type ReflectionInput = z.infer<typeof reflectionInputSchema>;

/** Kinds of CPD activity outside call-trainer. */
export const cpdActivityKinds = ['course', 'e-learning', 'reading', 'shadowing', 'supervision', 'other'] as const;
export const cpdActivityKindSchema = z.enum(cpdActivityKinds, { error: 'choose the kind of activity' });

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'enter a date as year-month-day, e.g. 2026-03-01')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'that date does not exist');

/** Other CPD activity the trainee records (a course, reading, shadowing...). */
export const cpdActivityInputSchema = z.strictObject({
  title: z.string().trim().min(1, 'give the activity a title').max(200, 'keep the title to 200 characters or fewer'),
  date: calendarDateSchema,
  minutes: z
    .number({ error: 'enter the time spent in whole minutes' })
    .int('enter the time spent in whole minutes')
    .min(1, 'enter at least 1 minute')
    .max(10_000, 'enter at most 10,000 minutes for one activity'),
  kind: cpdActivityKindSchema,
  notes: z.string().trim().max(4000, 'keep the notes to 4,000 characters or fewer'),
});
export type CpdActivityInput = z.infer<typeof cpdActivityInputSchema>;

/** A reflection as the log reads it. */
export interface Reflection extends ReflectionInput {
  readonly attemptId: string;
  readonly updatedAt: string;
}

/** A recorded activity as the log reads it. */
export interface CpdActivity extends CpdActivityInput {
  readonly id: string;
}

/** One line of the CPD log. */
export type CpdEntry =
  | {
      readonly kind: 'attempt';
      readonly id: string;
      /** `YYYY-MM-DD` (UTC) of completion. */
      readonly date: string;
      readonly title: string;
      readonly minutes: number;
      readonly percent: number;
      readonly bandLabel: string;
      readonly reflection: Reflection | undefined;
    }
  | { readonly kind: 'activity'; readonly id: string; readonly date: string; readonly title: string; readonly minutes: number; readonly activity: CpdActivity };

/** The log, newest first: each attempt (with its reflection, if any) and each recorded activity. */
export function cpdEntries(evidence: readonly AttemptEvidence[], reflections: readonly Reflection[], activities: readonly CpdActivity[]): CpdEntry[] {
  const byAttempt = new Map(reflections.map((r) => [r.attemptId, r]));
  const entries: Array<CpdEntry & { sortKey: string }> = [
    ...evidence.map((e) => ({
      kind: 'attempt' as const,
      id: e.attemptId,
      date: e.completedAt.slice(0, 10),
      title: e.scenarioTitle,
      minutes: e.minutes,
      percent: Math.round(e.percent),
      bandLabel: e.band.label,
      reflection: byAttempt.get(e.attemptId),
      sortKey: e.completedAt,
    })),
    ...activities.map((a) => ({ kind: 'activity' as const, id: a.id, date: a.date, title: a.title, minutes: a.minutes, activity: a, sortKey: `${a.date}T99` })),
  ];
  entries.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : a.id < b.id ? -1 : 1));
  return entries.map(({ sortKey: _sortKey, ...entry }) => entry as CpdEntry);
}

export type CpdPeriod = 'month' | 'quarter' | 'year';

/** The period a `YYYY-MM-DD` date falls in: `2026-03`, `2026-Q1`, `2026`. */
export function periodKey(date: string, period: CpdPeriod): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (period === 'year') return year;
  if (period === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return date.slice(0, 7);
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period key in words: "March 2026", "Q1 2026 (Jan to Mar)", "2026". */
export function periodLabel(key: string): string {
  const quarter = key.match(/^(\d{4})-Q([1-4])$/);
  if (quarter) {
    const q = Number(quarter[2]);
    return `Q${q} ${quarter[1]} (${monthNames[(q - 1) * 3]!.slice(0, 3)} to ${monthNames[q * 3 - 1]!.slice(0, 3)})`;
  }
  const month = key.match(/^(\d{4})-(\d{2})$/);
  if (month) return `${monthNames[Number(month[2]) - 1]} ${month[1]}`;
  return key;
}

export interface CpdTotal {
  readonly period: string;
  readonly label: string;
  readonly attempts: number;
  readonly attemptMinutes: number;
  readonly activities: number;
  readonly activityMinutes: number;
  readonly totalMinutes: number;
  readonly reflections: number;
}

/** Totals per month, quarter or year, newest period first. */
export function cpdTotals(entries: readonly CpdEntry[], period: CpdPeriod): CpdTotal[] {
  const totals = new Map<string, { attempts: number; attemptMinutes: number; activities: number; activityMinutes: number; reflections: number }>();
  for (const entry of entries) {
    const key = periodKey(entry.date, period);
    const t = totals.get(key) ?? { attempts: 0, attemptMinutes: 0, activities: 0, activityMinutes: 0, reflections: 0 };
    if (entry.kind === 'attempt') {
      t.attempts += 1;
      t.attemptMinutes += entry.minutes;
      if (entry.reflection) t.reflections += 1;
    } else {
      t.activities += 1;
      t.activityMinutes += entry.minutes;
    }
    totals.set(key, t);
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([key, t]) => ({ period: key, label: periodLabel(key), ...t, totalMinutes: t.attemptMinutes + t.activityMinutes }));
}

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) gets a leading apostrophe; a cell holding a comma, quote or
 * line break is quoted, with quotes doubled.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CPD_CSV_HEADER = [
  'Date',
  'Type',
  'Title',
  'Minutes',
  'Score (%)',
  'Compliance band',
  'What happened',
  'What I learned',
  'What I will do differently',
  'Activity kind',
  'Notes',
] as const;

/** The CPD log as CSV: a header row, then one row per entry, CRLF line ends (RFC 4180). */
export function cpdCsv(entries: readonly CpdEntry[]): string {
  const rows: Array<ReadonlyArray<string | number>> = [CPD_CSV_HEADER];
  for (const entry of entries) {
    if (entry.kind === 'attempt') {
      const r = entry.reflection;
      rows.push([entry.date, 'call-trainer attempt', entry.title, entry.minutes, entry.percent, entry.bandLabel, r?.whatHappened ?? '', r?.whatILearned ?? '', r?.whatIWillDoDifferently ?? '', '', '']);
    } else {
      rows.push([entry.date, 'CPD activity', entry.title, entry.minutes, '', '', '', '', '', entry.activity.kind, entry.activity.notes]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
