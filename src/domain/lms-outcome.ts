import type { ForcePolicy } from './force-policy-schema';
import type { ScoreReport } from './score-report-schema';

/** What an LMS is told about one completed attempt (SCORM 1.2 and cmi5 alike). */
export interface LmsOutcome {
  /** passed/failed by the force policy's passing bands; completed when the policy names none. */
  readonly status: 'passed' | 'failed' | 'completed';
  /** The attempt's total, 0 to 100, to two decimal places. */
  readonly scoreRaw: number;
  readonly scoreMin: 0;
  readonly scoreMax: 100;
  /** scoreRaw / 100, for xAPI's `result.score.scaled`. */
  readonly scoreScaled: number;
}

/**
 * The LMS outcome of a scored attempt: its percentage as the raw score out of 100, and passed
 * when its band is one of the policy's `scoring.passingBands` (a critical miss puts an attempt
 * in the critical-miss band, so it fails whatever its total). Without passing bands the attempt
 * is only `completed`.
 */
export function lmsOutcome(report: Pick<ScoreReport, 'percent' | 'band'>, policy: Pick<ForcePolicy, 'scoring'>): LmsOutcome {
  const scoreRaw = Math.round(report.percent * 100) / 100;
  const passing = policy.scoring.passingBands;
  const status = passing === undefined ? 'completed' : passing.includes(report.band.id) ? 'passed' : 'failed';
  return { status, scoreRaw, scoreMin: 0, scoreMax: 100, scoreScaled: Math.round(scoreRaw * 100) / 10_000 };
}

/**
 * A duration as SCORM 1.2's CMITimespan, `HHHH:MM:SS.SS` (hours at least two digits, at most
 * four; longer is capped at 9999:59:59.99).
 */
export function scorm12Timespan(milliseconds: number): string {
  const centiseconds = Math.min(Math.max(0, Math.round(milliseconds / 10)), 9999 * 360_000 + 359_999);
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6_000);
  const seconds = (centiseconds % 6_000) / 100;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/** A duration as an ISO 8601 duration for xAPI (`PT1H2M3.45S`), to the hundredth of a second. */
export function iso8601Duration(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6_000);
  const seconds = (centiseconds % 6_000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${Number(seconds.toFixed(2))}S`;
}
