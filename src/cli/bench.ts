/**
 * `npm run bench`: measures what the README's performance section reports and writes the same
 * figures to bench-results.json at the repository root (one key per figure, unit in the name).
 * Not part of `npm test`: figures are printed and compared with targets, never asserted.
 *
 * Measured here: the production build's initial JS and each lazy chunk (gzip), and scoring
 * 10,000 attempts. Other benchmarks (Lighthouse, answer-to-audio, memory, the dashboard) add
 * their own keys as their issues land.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { parseAnswerKey } from '../domain/answer-key-schema';
import type { CallResponse } from '../domain/call-response-schema';
import { parseForcePolicy } from '../domain/force-policy-schema';
import { enumerateCallPaths } from '../domain/scenario-graph';
import { parseScenario } from '../domain/scenario-schema';
import { scoreAttempt } from '../domain/scoring';
import { chunkName, initialScripts, kilobytes } from './bench/bundle-figures';
import { dashboardFigures } from './bench/dashboard-bench';
import { findScenarioFolders, readJsonFile } from './scenario-files';

const root = process.cwd();
const RESULTS_FILE = path.join(root, 'bench-results.json');

function bundleFigures(): Record<string, number> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const dist = path.join(root, 'dist');
  const initial = new Set(initialScripts(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')));
  const assets = fs.readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js'));
  const gzipBytes = (file: string) => gzipSync(fs.readFileSync(path.join(dist, 'assets', file))).length;
  let initialBytes = 0;
  const lazy: Record<string, number> = {};
  for (const file of assets) {
    const bytes = gzipBytes(file);
    if (initial.has(`assets/${file}`)) initialBytes += bytes;
    else {
      const name = chunkName(file);
      // Scenario and answer-key chunks are many and alike: report the largest of each kind.
      lazy[name] = Math.max(lazy[name] ?? 0, bytes);
    }
  }
  const figures: Record<string, number> = { initialJsGzipKB: kilobytes(initialBytes) };
  for (const [name, bytes] of Object.entries(lazy).sort()) {
    const key = `lazyChunk_${name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}GzipKB`;
    figures[key] = kilobytes(bytes);
  }
  return figures;
}

function scoringFigures(): Record<string, number> {
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
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    for (const a of attempts) scoreAttempt(a.scenario, a.answerKey, a.response, policy);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { scoring10kAttemptsMs: Math.round(runs[2]! * 10) / 10 };
}

const targets: Record<string, number> = { initialJsGzipKB: 150, scoring10kAttemptsMs: 100, dashboard10kMs: 300 };

const figures = { ...bundleFigures(), ...scoringFigures(), ...(await dashboardFigures(root)) };
const previous: Record<string, unknown> = fs.existsSync(RESULTS_FILE) ? (JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
console.log('\nfigure                                        value   target');
for (const [key, value] of Object.entries(figures)) {
  const target = targets[key];
  const verdict = target === undefined ? '' : value <= target ? `  ≤ ${target} ✓` : `  > ${target} ✗`;
  console.log(`${key.padEnd(44)} ${String(value).padStart(7)}${verdict}`);
}
console.log(`\nwritten to ${path.relative(root, RESULTS_FILE)}`);
