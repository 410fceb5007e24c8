// SCORM 1.2: the LMS's API object is called directly (no network). Loaded only when an LMS
// put one on a parent or opener window (see lms-launch.ts).
import { lmsOutcome, scorm12Timespan } from '../domain/lms-outcome';
import type { LmsReporter, Scorm12Api } from './lms-launch';

/**
 * Opens the SCORM session (LMSInitialize, lesson status "incomplete" if not yet attempted),
 * reports each completed attempt (lesson status, score raw/min/max, session time) with a commit,
 * and finishes the session when the page goes away.
 */
export function startScorm12Reporter(api: Scorm12Api, win: Window): LmsReporter {
  const startedAt = win.performance.now();
  if (String(api.LMSInitialize('')) !== 'true') {
    throw new Error(`The LMS did not start the SCORM session (error ${String(api.LMSGetLastError())}).`);
  }
  if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
  let finished = false;
  win.addEventListener('pagehide', () => {
    if (finished) return;
    finished = true;
    api.LMSSetValue('cmi.core.session_time', scorm12Timespan(win.performance.now() - startedAt));
    api.LMSFinish('');
  });
  return {
    async report(attempt, policy) {
      if (finished) return;
      const outcome = lmsOutcome(attempt.report, policy);
      const values: [string, string][] = [
        ['cmi.core.score.raw', String(outcome.scoreRaw)],
        ['cmi.core.score.min', String(outcome.scoreMin)],
        ['cmi.core.score.max', String(outcome.scoreMax)],
        ['cmi.core.lesson_status', outcome.status],
        ['cmi.core.session_time', scorm12Timespan(win.performance.now() - startedAt)],
      ];
      for (const [element, value] of values) {
        if (String(api.LMSSetValue(element, value)) !== 'true') {
          throw new Error(`The LMS refused ${element} = ${value} (error ${String(api.LMSGetLastError())}).`);
        }
      }
      if (String(api.LMSCommit('')) !== 'true') throw new Error(`The LMS did not save the result (error ${String(api.LMSGetLastError())}).`);
    },
  };
}
