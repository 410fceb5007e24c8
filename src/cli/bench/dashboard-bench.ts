/**
 * The progress dashboard with 10,000 attempts: seeds them into the built app's IndexedDB in
 * headless Chromium, then (median of several runs):
 * - `dashboard10kMs`: from the trainee's click on Progress in the library (the in-app navigation
 *   to #/progress) until every figure is in its table (`dashboard-figures-rendered`);
 * - `dashboardCharts10kMs`: the same, until the four charts are drawn too;
 * - `dashboardColdLoad10kMs`: opening #/progress directly (a fresh load), from navigation start until
 *   the figures are shown: every digest is read from IndexedDB first.
 * - `dashboardPeakJsHeapMB`: the largest JSHeapUsedSize Chromium's Performance.getMetrics (CDP)
 *   reports, sampled every 100 ms through each of those runs, each started from a collected heap
 *   (cold loads come from about:blank, so the page before is not counted);
 * - `digestRebuild10kPeakJsHeapMB`: the same while the app first opens the library over the
 *   seeded attempts, which have no progress digests yet (as after a restore): every digest is
 *   rebuilt from its full attempt, once.
 * Uses the production build bench.ts builds and serves.
 */
import { chromium } from '@playwright/test';
import path from 'node:path';
import { parseAnswerKey } from '../../domain/answer-key-schema';
import type { CallResponse, GradeConfidence } from '../../domain/call-response-schema';
import { gradeConfidences } from '../../domain/call-response-schema';
import { parseForcePolicy } from '../../domain/force-policy-schema';
import { enumerateCallPaths } from '../../domain/scenario-graph';
import { parseScenario } from '../../domain/scenario-schema';
import { scoreAttempt } from '../../domain/scoring';
import { findScenarioFolders, readJsonFile } from '../scenario-files';
import type { Benchmark, BenchContext } from './benchmark';

/** The marks the dashboard sets (see src/ui/progress/dashboard-marks.ts): figures in their tables, each chart drawn. */
const READY_MARK = 'dashboard-figures-rendered';
const CHART_MARK = 'dashboard-chart-drawn';
const CHART_COUNT = 4;
const ATTEMPTS = 10_000;
const RUNS = 5;

/** 10,000 varied, scored attempts as the app stores them (attempt record v1), for one profile. */
function seedAttempts(root: string, profileId: string): unknown[] {
  const policy = parseForcePolicy(readJsonFile(path.join(root, 'scenarios/force-policies/national-call-handling-standards.json')).json, 'policy');
  const packages = findScenarioFolders(root, []).map((folder) => {
    const scenario = parseScenario(readJsonFile(path.join(folder, 'scenario.json')).json, folder);
    const answerKey = parseAnswerKey(readJsonFile(path.join(folder, 'answer-key.json')).json, folder);
    return { scenario, answerKey, paths: enumerateCallPaths(scenario, 20) };
  });
  const ratings = policy.framework.ratingScale.map((r) => r.id);
  const grades = policy.grades.map((g) => g.id);
  const actions = policy.safeguardingActions.map((a) => a.id);
  const start = Date.parse('2025-01-01T08:00:00.000Z');
  return Array.from({ length: ATTEMPTS }, (_, i) => {
    const { scenario, answerKey, paths } = packages[i % packages.length]!;
    const route = paths[i % paths.length]!;
    const confidence: GradeConfidence = gradeConfidences[i % gradeConfidences.length]!;
    const response: CallResponse = {
      questionsAsked: route.asked.map((step, n) => ({ ...step, atMs: (n + 1) * 9_000 })),
      endNodeId: route.endNodeId,
      assessment: {
        thrive: Object.fromEntries(policy.framework.elements.map((e, n) => [e.id, { rating: ratings[(i + n) % ratings.length]!, rationale: 'Seeded for the benchmark.' }])),
        grade: grades[(i * 7) % grades.length]!,
        gradeConfidence: confidence,
        safeguardingActions: actions.filter((_, n) => (i + n) % 5 === 0),
      },
      timings: { timeToAnswerMs: 3_000, callDurationMs: 90_000, timeToGradeMs: 20_000 + (i % 60) * 1_000, timeToSubmitMs: 150_000 },
    };
    const startedAt = start + i * 45 * 60_000;
    return {
      recordVersion: 1,
      id: crypto.randomUUID(),
      profileId,
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      scenarioTitle: scenario.metadata.title,
      incidentType: scenario.metadata.incidentType,
      mode: 'practice',
      startedAt: new Date(startedAt).toISOString(),
      completedAt: new Date(startedAt + 6 * 60_000).toISOString(),
      response,
      report: scoreAttempt(scenario, answerKey, response, policy),
    };
  });
}


/** Milliseconds from navigating to #/progress until the dashboard's figures are rendered (median). */
async function dashboardFigures({ root, appUrl: url, chromePath }: BenchContext): Promise<Record<string, number>> {
  const browser = await chromium.launch({ ...(chromePath ? { executablePath: chromePath } : {}), args: ['--disable-quic', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('crash', () => console.error('dashboard bench: the page crashed'));
    page.on('pageerror', (error) => console.error(`dashboard bench: ${error.message}`));
    await page.goto(`${url}/#/`);
    await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();
    // The app has made the database (at its current version) and the default profile: seed it.
    const profileId = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('call-trainer');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get('activeProfileId');
            get.onsuccess = () => {
              resolve((get.result as { value: string }).value);
              open.result.close();
            };
            get.onerror = () => reject(get.error);
          };
        }),
    );
    const attempts = seedAttempts(root, profileId);
    for (let from = 0; from < attempts.length; from += 1_000) {
      await page.evaluate(
        (rows) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('call-trainer');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('attempts', 'readwrite');
              for (const row of rows) tx.objectStore('attempts').put(row);
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        attempts.slice(from, from + 1_000),
      );
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let peakHeap = 0;
    const sampleHeap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    };
    const storedSummaries = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('call-trainer');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('attemptSummaries').objectStore('attemptSummaries').count();
              count.onsuccess = () => {
                resolve(count.result);
                open.result.close();
              };
            };
          }),
      );
    /**
     * The largest JS heap in use while `work` runs, starting from a collected heap. Navigations go
     * through about:blank first, so the previous page's objects are collected, not counted.
     */
    const peakHeapDuring = async (work: () => Promise<void>): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      peakHeap = 0;
      const sampler = setInterval(() => void sampleHeap().catch(() => {}), 100);
      try {
        await sampleHeap();
        await work();
        await sampleHeap();
      } finally {
        clearInterval(sampler);
      }
      return peakHeap;
    };
    const suggestion = page.getByRole('complementary', { name: 'Practise next' }).getByRole('link', { name: /^Practise this call/ });
    // First opening over the seeded attempts: every digest is rebuilt from its attempt and stored.
    await page.goto('about:blank');
    const rebuildPeak = await peakHeapDuring(async () => {
      await page.goto(`${url}/#/`);
      await suggestion.waitFor({ timeout: 120_000 });
      for (let waited = 0; (await storedSummaries()) < ATTEMPTS && waited < 600; waited += 1) await page.waitForTimeout(100);
    });
    let dashboardPeak = 0;
    const runs: number[] = [];
    const chartRuns: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto(`${url}/#/`);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();
      // The suggestion itself (not its placeholder): the library has read the attempts by then.
      await suggestion.waitFor({ timeout: 60_000 });
      let ms = { figures: 0, charts: 0 };
      const peak = await peakHeapDuring(async () => {
        ms = await page.evaluate(
        ({ ready, chart, charts }) =>
          new Promise<{ figures: number; charts: number }>((resolve) => {
            performance.clearMarks(ready);
            performance.clearMarks(chart);
            const started = performance.now();
            let figures: number | undefined;
            new PerformanceObserver((list, observer) => {
              const shown = list.getEntriesByName(ready)[0];
              if (shown && figures === undefined) figures = shown.startTime - started;
              const drawn = performance.getEntriesByName(chart);
              if (figures === undefined || drawn.length < charts) return;
              observer.disconnect();
              resolve({ figures, charts: Math.max(...drawn.map((e) => e.startTime)) - started });
            }).observe({ type: 'mark', buffered: false });
            window.location.hash = '#/progress';
          }),
        { ready: READY_MARK, chart: CHART_MARK, charts: CHART_COUNT },
        );
        await page.waitForTimeout(500);
      });
      dashboardPeak = Math.max(dashboardPeak, peak);
      const shown = await page.getByText(/^10000 attempts in this record\./).count();
      if (shown !== 1) throw new Error('the dashboard did not show all 10,000 seeded attempts');
      runs.push(ms.figures);
      chartRuns.push(ms.charts);
      if (process.env.BENCH_VERBOSE) {
        const stored = await storedSummaries();
        console.log(`run ${run + 1}: figures ${ms.figures.toFixed(0)} ms, charts ${ms.charts.toFixed(0)} ms, peak heap ${(peak / 1e6).toFixed(1)} MB (${stored} summaries stored)`);
      }
    }
    const coldRuns: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto('about:blank');
      const peak = await peakHeapDuring(async () => {
        await page.goto(`${url}/#/progress`);
        const handle = await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, READY_MARK, { timeout: 60_000 });
        coldRuns.push(Number(await handle.jsonValue()));
        await page.waitForFunction(({ chart, charts }) => performance.getEntriesByName(chart).length >= charts, { chart: CHART_MARK, charts: CHART_COUNT }, { timeout: 60_000 });
      });
      dashboardPeak = Math.max(dashboardPeak, peak);
      if (process.env.BENCH_VERBOSE) console.log(`cold run ${run + 1}: ${coldRuns.at(-1)!.toFixed(0)} ms, peak heap ${(peak / 1e6).toFixed(1)} MB`);
    }
    if (process.env.BENCH_VERBOSE) {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      console.log(`dashboard open, after a garbage collection: ${((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6).toFixed(1)} MB of JS heap in use`);
    }
    coldRuns.sort((a, b) => a - b);
    console.log(`cold load of #/progress, ms per run (sorted): ${coldRuns.map((r) => r.toFixed(0)).join(', ')}`);
    runs.sort((a, b) => a - b);
    console.log(`dashboard with 10,000 attempts, ms per run (sorted): ${runs.map((r) => r.toFixed(0)).join(', ')}`);
    chartRuns.sort((a, b) => a - b);
    console.log(`charts drawn, ms per run (sorted): ${chartRuns.map((r) => r.toFixed(0)).join(', ')}`);
    return {
      dashboard10kMs: Math.round(runs[Math.floor(RUNS / 2)]!),
      dashboardCharts10kMs: Math.round(chartRuns[Math.floor(RUNS / 2)]!),
      dashboardColdLoad10kMs: Math.round(coldRuns[Math.floor(RUNS / 2)]!),
      dashboardPeakJsHeapMB: Math.round(dashboardPeak / 1e5) / 10,
      digestRebuild10kPeakJsHeapMB: Math.round(rebuildPeak / 1e5) / 10,
    };
  } finally {
    await browser.close();
  }
}

/** The dashboard with 10,000 attempts, against the production build bench.ts serves. */
export const dashboardBenchmark: Benchmark = {
  name: 'dashboard',
  targets: { dashboard10kMs: { atMost: 300 }, dashboardPeakJsHeapMB: { atMost: 50 } },
  needsApp: true,
  run: dashboardFigures,
};
