import path from 'node:path';
import { parseAnswerKey, type AnswerKey } from '../../domain/answer-key-schema';
import type { CallResponse } from '../../domain/call-response-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { enumerateCallPaths, type CallPath } from '../../domain/scenario-graph';
import { parseScenario, type Scenario } from '../../domain/scenario-schema';
import { findScenarioFolders, readJsonFile } from '../scenario-files';

/**
 * The varied attempts the scoring benchmark scores, shared with the scoring golden test
 * (test/unit/domain/scoring-golden.test.ts) so the test guards exactly the workload the
 * benchmark measures.
 */

/** A bundled scenario, its answer key and up to 50 paths through its call graph. */
export interface ScoringPackage {
  readonly scenario: Scenario;
  readonly answerKey: AnswerKey;
  readonly paths: readonly CallPath[];
}

/** Every bundled scenario under `root`, parsed as the app parses it, with its call paths. */
export function loadScoringPackages(root: string): ScoringPackage[] {
  return findScenarioFolders(root, []).map((folder) => {
    const scenario = parseScenario(readJsonFile(path.join(folder, 'scenario.json')).json, folder);
    const answerKey = parseAnswerKey(readJsonFile(path.join(folder, 'answer-key.json')).json, folder);
    return { scenario, answerKey, paths: enumerateCallPaths(scenario, 50) };
  });
}

/** One attempt to score: a package and a trainee's response to it. */
export interface ScoringAttempt extends ScoringPackage {
  readonly response: CallResponse;
  /** The path the response follows. */
  readonly route: CallPath;
}

/**
 * Attempt `i` of the benchmark's series: scenario `i` (cycling through them), one of its paths,
 * ratings, grade and actions rotated by `i`, and a map pin on every other attempt.
 */
export function variedScoringAttempt(policy: ForcePolicy, packages: readonly ScoringPackage[], i: number): ScoringAttempt {
  const ratings = policy.framework.ratingScale.map((r) => r.id);
  const grades = policy.grades.map((g) => g.id);
  const actions = policy.safeguardingActions.map((a) => a.id);
  const pkg = packages[i % packages.length]!;
  const route = pkg.paths[i % pkg.paths.length]!;
  const response: CallResponse = {
    questionsAsked: route.asked.map((step, n) => ({ ...step, atMs: (n + 1) * 9_000 })),
    endNodeId: route.endNodeId,
    assessment: {
      thrive: Object.fromEntries(policy.framework.elements.map((e, n) => [e.id, { rating: ratings[(i + n) % ratings.length]!, rationale: 'x' }])),
      grade: grades[i % grades.length]!,
      safeguardingActions: actions.filter((_, n) => (i + n) % 5 === 0),
    },
    timings: { timeToAnswerMs: 3_000, callDurationMs: 90_000, timeToGradeMs: 40_000, timeToSubmitMs: 150_000 },
    ...(i % 2 === 0 ? { location: { point: { x: 15_000 + (i % 900), y: 12_000 }, method: 'map' as const, label: 'pin', atMs: 30_000 } } : {}),
  };
  return { ...pkg, route, response };
}
