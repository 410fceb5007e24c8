import type { AnswerKey } from './answer-key-schema';
import type { CallResponse } from './call-response-schema';
import type { ForcePolicy } from './force-policy-schema';
import type { Scenario } from './scenario-schema';
import { findPathAskingAll } from './scenario-graph';

/** When the expert pins the key location, in milliseconds after answering. */
export const EXPERT_TIME_TO_LOCATION_MS = 20_000;

/**
 * The response an expert following the answer key would give: expected ratings and grade, every
 * required and recommended safeguarding action, a path through the call that asks every key
 * question and, when the key has a location, a pin exactly on it (found by search, labelled with
 * the key's description, {@link EXPERT_TIME_TO_LOCATION_MS} after answering). Null when no single
 * path asks every key question. Used to prove a key scores full marks.
 */
export function expertResponse(scenario: Scenario, answerKey: AnswerKey, policy: ForcePolicy): CallResponse | null {
  const path = findPathAskingAll(scenario, answerKey.keyQuestions.map((question) => question.optionIds));
  if (!path) return null;
  const thrive = Object.fromEntries(
    policy.framework.elements.map((element) => [
      element.id,
      { rating: answerKey.thrive[element.id]?.expected ?? null, rationale: answerKey.thrive[element.id]?.rationale ?? '' },
    ]),
  );
  const location = answerKey.location;
  return {
    questionsAsked: path.asked.map((step, index) => ({ ...step, atMs: (index + 1) * 10_000 })),
    endNodeId: path.endNodeId,
    assessment: {
      thrive,
      grade: answerKey.grade.expected,
      safeguardingActions: answerKey.safeguardingActions
        .filter((judgement) => judgement.verdict === 'required' || judgement.verdict === 'recommended')
        .map((judgement) => judgement.action),
    },
    timings: { timeToAnswerMs: 3_000, callDurationMs: 120_000, timeToGradeMs: 60_000, timeToSubmitMs: 180_000 },
    ...(location
      ? { location: { point: { ...location.point }, method: 'search' as const, label: location.description, atMs: EXPERT_TIME_TO_LOCATION_MS } }
      : {}),
  };
}
