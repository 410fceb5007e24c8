import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, oneDecimal, type Benchmark, type BenchContext } from './benchmark';

const SCENARIO_ID = 'dv-whispered-999';
const CALL_PATH = `/#/scenarios/${SCENARIO_ID}/call`;
const ARGS = ['--disable-quic', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'];
const RUNS = 5;
const STORED_COPIES = 200;

/**
 * The call in the real browser, on the built app:
 * - `coldLoadToAudibleCallMs`: a fresh profile (empty cache, no service worker) opens the call's
 *   URL, Answer is clicked the moment it shows, until the caller's first clip starts playing
 *   (the `call-trainer:audio-playing` mark howler-audio.ts sets when Web Audio starts the clip,
 *   plus the output latency the AudioContext reports), from navigation start. Median of 5.
 * - `answerToAudioMs`: the phone rings with the first clip decoded (as it is a moment after the
 *   call screen opens; `call-trainer:audio-loaded`), then from the Answer click
 *   (`call-trainer:answer`) to the clip playing, plus the reported output latency. Median of 5.
 * - `callPeakJsHeapMB`: after a forced garbage collection, the largest JSHeapUsedSize that
 *   Chromium's Performance.getMetrics (CDP) reports, sampled every 100 ms from ringing to the end
 *   of a full call (the whispered 999 call, first option at each question; about a minute).
 * - `callScreenIdleMainThreadPercent`: once that call has ended, with the map still on screen and
 *   nothing happening, the share of 3 s the page's main thread spends on tasks (CDP TaskDuration).
 *   (The map used to draw every frame, still or not.)
 * - `indexedDbBytesPerAttempt`: that call's attempt, saved by the app, copied 200 times into the
 *   attempts store of a profile on disk: the growth of navigator.storage.estimate().usage per
 *   copy. `attemptRowBytes` is the same row's own size for comparison: its clear fields as JSON plus
 *   the packed (deflated) response and report.
 */
export const callBenchmark: Benchmark = {
  name: 'call',
  targets: { answerToAudioMs: { atMost: 50 }, callPeakJsHeapMB: { atMost: 50 }, indexedDbBytesPerAttempt: { atMost: 8192 } },
  needsApp: true,
  async run(context) {
    const browser = await chromium.launch({ ...(context.chromePath ? { executablePath: context.chromePath } : {}), args: ARGS });
    try {
      const cold: number[] = [];
      for (let run = 0; run < RUNS; run += 1) cold.push(await coldLoadToAudible(browser, context.appUrl));
      const warm = await browser.newContext();
      const latencies: number[] = [];
      for (let run = 0; run < RUNS; run += 1) latencies.push(await answerToAudio(warm, context.appUrl));
      await warm.close();
      return { coldLoadToAudibleCallMs: Math.round(median(cold)), answerToAudioMs: oneDecimal(median(latencies)), ...(await fullCall(context)) };
    } finally {
      await browser.close();
    }
  },
};

type Mark = { name: string; startTime: number; detail: unknown };
const marks = (page: Page): Promise<Mark[]> =>
  page.evaluate(() => performance.getEntriesByType('mark').map((m) => ({ name: m.name, startTime: m.startTime, detail: (m as PerformanceMark).detail as unknown })));
const srcOf = (mark: Mark): string => (typeof mark.detail === 'string' ? mark.detail : String((mark.detail as { src?: unknown } | null)?.src ?? ''));
const isCallerClip = (mark: Mark) => srcOf(mark).startsWith(`audio/${SCENARIO_ID}/`);

/** Waits for the caller's first clip to play after the Answer click; returns both marks' times. */
async function answeredAndPlaying(page: Page): Promise<{ answeredAt: number; playingAt: number; outputLatencyMs: number }> {
  await page.waitForFunction(
    (prefix) => {
      const answer = performance.getEntriesByName('call-trainer:answer')[0];
      return (
        answer !== undefined &&
        performance.getEntriesByName('call-trainer:audio-playing').some((m) => m.startTime >= answer.startTime && String(((m as PerformanceMark).detail as { src?: unknown } | null)?.src).startsWith(prefix))
      );
    },
    `audio/${SCENARIO_ID}/`,
    { timeout: 30_000 },
  );
  const all = await marks(page);
  const answeredAt = all.find((m) => m.name === 'call-trainer:answer')!.startTime;
  const playing = all.find((m) => m.name === 'call-trainer:audio-playing' && m.startTime >= answeredAt && isCallerClip(m))!;
  const outputLatencyMs = Number((playing.detail as { outputLatencyMs?: unknown } | null)?.outputLatencyMs ?? 0);
  return { answeredAt, playingAt: playing.startTime, outputLatencyMs };
}

async function coldLoadToAudible(browser: Browser, appUrl: string): Promise<number> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${appUrl}${CALL_PATH}`);
    await page.getByRole('button', { name: 'Answer' }).click();
    const { playingAt, outputLatencyMs } = await answeredAndPlaying(page);
    // It really sounds: the line-level meter reads a signal.
    await page.waitForFunction(() => Number(document.querySelector('meter')?.getAttribute('value') ?? 0) > 0, undefined, { timeout: 10_000 });
    return playingAt + outputLatencyMs;
  } finally {
    await context.close();
  }
}

async function answerToAudio(context: BrowserContext, appUrl: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}${CALL_PATH}`);
    // The run before left its call unfinished (its tab closed mid-call): start again, as a trainee would.
    const answer = page.getByRole('button', { name: 'Answer' });
    const startAgain = page.getByRole('button', { name: 'Start again' });
    await answer.or(startAgain).waitFor();
    if (await startAgain.isVisible()) await startAgain.click();
    await page.waitForFunction(
      (prefix) => performance.getEntriesByName('call-trainer:audio-loaded').some((m) => String((m as PerformanceMark).detail).startsWith(prefix)),
      `audio/${SCENARIO_ID}/`,
      { timeout: 30_000 },
    );
    await page.getByRole('button', { name: 'Answer' }).click();
    const { answeredAt, playingAt, outputLatencyMs } = await answeredAndPlaying(page);
    if (process.env.BENCH_VERBOSE) console.log(`answer to audio: ${(playingAt - answeredAt).toFixed(1)} ms in the app + ${outputLatencyMs.toFixed(1)} ms output latency reported by the AudioContext`);
    return playingAt - answeredAt + outputLatencyMs;
  } finally {
    await page.close();
  }
}

async function fullCall({ appUrl, chromePath }: BenchContext): Promise<Record<string, number>> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'call-trainer-bench-'));
  const context = await chromium.launchPersistentContext(profile, { ...(chromePath ? { executablePath: chromePath } : {}), args: ARGS, serviceWorkers: 'block' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${appUrl}${CALL_PATH}`);
    const answer = page.getByRole('button', { name: 'Answer' });
    await answer.waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    let peak = 0;
    const sample = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    };
    await sample();
    const sampler = setInterval(() => void sample().catch(() => {}), 100);
    await answer.click();
    const ended = page.getByRole('heading', { name: 'Call ended' });
    const option = page.locator('.question-choice button').first();
    while (!(await ended.isVisible())) {
      await ended.or(option).first().waitFor({ timeout: 120_000 });
      if (await option.isVisible()) await option.click().catch(() => {}); // may vanish as it is clicked
    }
    clearInterval(sampler);
    await sample();

    // The call has ended and the trainee reads the screen, the map still shown: how much of the
    // page's main thread is busy while nothing happens (Chromium's TaskDuration over 3 s).
    await page.waitForTimeout(1_500);
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const busyBefore = await taskSeconds();
    const stillFrom = Date.now();
    await page.waitForTimeout(3_000);
    const idleBusyPercent = ((await taskSeconds()) - busyBefore) / ((Date.now() - stillFrom) / 1000) * 100;

    // Save the attempt through the app: any complete assessment will do.
    await page.getByRole('button', { name: 'Complete your assessment' }).click();
    for (const group of await page.getByRole('radiogroup', { name: / rating$/ }).all()) await group.getByRole('radio', { name: 'Medium' }).check();
    for (const box of await page.getByRole('textbox', { name: /^Rationale for / }).all()) await box.fill('Whispering, frightened, a man shouting nearby: a high risk of harm.');
    await page.getByRole('radiogroup', { name: 'Grade' }).getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Submit assessment' }).click();
    await page.getByRole('heading', { level: 1, name: /^Debrief: / }).waitFor();

    const storage = await page.evaluate(async (copies) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('call-trainer');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
      });
      const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction('attempts').objectStore('attempts').getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error ?? new Error('getAll failed'));
      });
      const row = rows[0];
      if (!row) throw new Error('the app saved no attempt');
      const before = (await navigator.storage.estimate()).usage ?? 0;
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('attempts', 'readwrite');
        for (let n = 0; n < copies; n += 1) transaction.objectStore('attempts').put({ ...row, id: `${String(row.id)}-copy-${n}` });
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
      });
      const after = (await navigator.storage.estimate()).usage ?? 0;
      db.close();
      return { perAttempt: (after - before) / copies, json: (() => {
        const { body, ...clear } = row;
        return new Blob([JSON.stringify(clear)]).size + (body instanceof Uint8Array ? body.byteLength : 0);
      })() };
    }, STORED_COPIES);
    return { callPeakJsHeapMB: oneDecimal(peak / 1e6), callScreenIdleMainThreadPercent: oneDecimal(idleBusyPercent), indexedDbBytesPerAttempt: Math.round(storage.perAttempt), attemptRowBytes: storage.json };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
