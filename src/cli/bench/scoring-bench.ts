import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseForcePolicy } from '../../domain/force-policy-schema';
import { scoreAttempt } from '../../domain/scoring';
import { readJsonFile } from '../scenario-files';
import { median, oneDecimal, type Benchmark } from './benchmark';
import { loadScoringPackages, variedScoringAttempt } from './scoring-attempts';

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
    const packages = loadScoringPackages(root);
    // 10,000 varied attempts: every scenario, different paths, ratings, grades and actions.
    const attempts = Array.from({ length: 10_000 }, (_, i) => variedScoringAttempt(policy, packages, i));
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
