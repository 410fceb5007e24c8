import type { Assessment } from '../domain/call-response-schema';
import type { CallProgress } from '../domain/call-progress-schema';
import type { CallSnapshot } from './call-machine';

/**
 * What to keep of a call in progress so it can be resumed (`CallInput.resume`), or null when
 * there is nothing to keep: the phone is still ringing or the assessment has been submitted.
 *
 * While connected, the progress points back at the caller's last line, so a resumed call replays
 * it rather than dropping the trainee into a question with no context; the questions asked before
 * that line are all kept.
 *
 * @param assessmentDraft what the assessment form holds so far (the form keeps it, not the machine).
 */
export function selectCallProgress(snapshot: CallSnapshot, assessmentDraft: Assessment | null = null): CallProgress | null {
  const { context } = snapshot;
  const stage = snapshot.matches('connected')
    ? 'connected'
    : snapshot.matches('callEnded')
      ? 'callEnded'
      : snapshot.matches('assessment')
        ? 'assessment'
        : null;
  if (stage === null || context.answeredAtMs === null || context.timings.timeToAnswerMs === null) return null;

  let nodeId = context.nodeId;
  let heard = context.heard;
  if (stage === 'connected') {
    const lastCaller = context.heard.findLastIndex((item) => item.kind === 'caller');
    const item = context.heard[lastCaller];
    if (item) {
      nodeId = item.nodeId;
      heard = context.heard.slice(0, lastCaller);
    }
  }
  return {
    stage,
    nodeId,
    heard: [...heard],
    questionsAsked: [...context.questionsAsked],
    elapsedMs: Math.max(0, context.now() - context.answeredAtMs),
    timeToAnswerMs: context.timings.timeToAnswerMs,
    timeToGradeMs: context.timings.timeToGradeMs,
    callDurationMs: stage === 'connected' ? null : context.timings.callDurationMs,
    grade: context.grade,
    location: context.location,
    ending: stage === 'connected' ? null : context.ending,
    assessmentDraft: stage === 'assessment' ? assessmentDraft : null,
    mode: context.mode,
    incidentLog: [...context.incidentLog],
    callTimeline: [...context.callTimeline],
  };
}
