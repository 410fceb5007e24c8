import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAnswerKey } from '../../domain/answer-key-schema';
import type { CallResponse } from '../../domain/call-response-schema';
import { parseForcePolicy } from '../../domain/force-policy-schema';
import { enumerateCallPaths } from '../../domain/scenario-graph';
import { parseScenario } from '../../domain/scenario-schema';
import { scoreAttempt } from '../../domain/scoring';
import { findScenarioFolders, readJsonFile } from '../scenario-files';
import { median, oneDecimal, type Benchmark } from './benchmark';

/**
 * Scoring 10,000 varied attempts across every bundled scenario, in Node: the fastest of 7 runs
 * (`scoring10kAttemptsMs`, the cost without other work competing for the CPU) and their median
 * (`scoring10kAttemptsMedianMs`, which a busy machine inflates).
 */
export const scoringBenchmark: Benchmark = {
  name: 'scoring',
  targets: { scoring10kAttemptsMs: { atMost: 100 } },
  needsApp: false,
  async run({ root }) {
    const policy = parseForcePolicy(readJsonFile(path.join(root, 'scenarios/force-policies/national-call-handling-standards.json')).json, 'policy');
    const packages = findScenarioFolders(root, []).map((folder) => {
      const scenario = parseScenario(readJsonFile(path.join(folder, 'scenario.json')).json, folder);
      const answerKey = parseAnswerKey(readJsonFile(path.join(folder, 'answer-key.json')).json, folder);
      return { scenario, answerKey, paths: enumerateCallPaths(scenario, 50) };
    });
    // 10,000 varied attempts: every scenario, different paths, ratings, grades and actions.
    const ratings = policy.framework.ratingScale.map((r) => r.id);
    const grades = policy.grades.map((g) => g.id);
    const actions = policy.safeguardingActions.map((a) => a.id);
    const attempts = Array.from({ length: 10_000 }, (_, i) => {
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
      return { ...pkg, response };
    });
    for (const a of attempts.slice(0, 500)) scoreAttempt(a.scenario, a.answerKey, a.response, policy); // warm up
    const runs: number[] = [];
    for (let run = 0; run < 7; run += 1) {
      const start = performance.now();
      for (const a of attempts) scoreAttempt(a.scenario, a.answerKey, a.response, policy);
      runs.push(performance.now() - start);
    }
    return { scoring10kAttemptsMs: oneDecimal(Math.min(...runs)), scoring10kAttemptsMedianMs: oneDecimal(median(runs)) };
  },
};
