/**
 * `npm run bench`: measures what the README's performance section reports and writes the same
 * figures to bench-results.json at the repository root (one key per figure, unit in the name).
 * Not part of `npm test`: figures are printed against their targets, never asserted.
 *
 * Each benchmark is one module under src/cli/bench/ returning named figures (see benchmark.ts);
 * add a new one to `benchmarks` below. The ones that need the app get a fresh production build
 * served by `vite preview` on BENCH_PORT (default 4175).
 *
 *   npm run bench                      every benchmark
 *   npm run bench -- scoring call      only those (figures from earlier runs are kept in the file)
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { verdict, type Benchmark, type BenchTarget } from './bench/benchmark';
import { bundleBenchmark } from './bench/bundle-bench';
import { callBenchmark } from './bench/call-bench';
import { dashboardBenchmark } from './bench/dashboard-bench';
import { lighthouseBenchmark } from './bench/lighthouse-bench';
import { scoringBenchmark } from './bench/scoring-bench';

const benchmarks: Benchmark[] = [bundleBenchmark, scoringBenchmark, lighthouseBenchmark, callBenchmark, dashboardBenchmark];

const root = process.cwd();
const RESULTS_FILE = path.join(root, 'bench-results.json');
const port = Number(process.env.BENCH_PORT ?? 4175);
const appUrl = `http://127.0.0.1:${port}`;
const chromePath = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((file): file is string => Boolean(file) && fs.existsSync(file as string));

async function servePreview(): Promise<() => void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  for (let tries = 0; tries < 100; tries += 1) {
    try {
      if ((await fetch(appUrl)).ok) return stop;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  throw new Error(`vite preview did not start on ${appUrl}`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = only.length ? benchmarks.filter((b) => only.includes(b.name)) : benchmarks;
  if (chosen.length === 0) throw new Error(`no benchmark named ${only.join(', ')}; there are ${benchmarks.map((b) => b.name).join(', ')}`);
  const stopPreview = chosen.some((b) => b.needsApp) ? await servePreview() : () => {};
  const figures: Record<string, number> = {};
  const targets: Record<string, BenchTarget> = {};
  try {
    for (const benchmark of chosen) {
      console.log(`[bench] ${benchmark.name}…`);
      Object.assign(figures, await benchmark.run({ root, appUrl, chromePath }));
      Object.assign(targets, benchmark.targets);
    }
  } finally {
    stopPreview();
  }
  const previous: Record<string, unknown> = fs.existsSync(RESULTS_FILE) ? (JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
  console.log(`\n${'figure'.padEnd(44)} ${'value'.padStart(9)}   target`);
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(44)} ${String(value).padStart(9)}   ${verdict(value, targets[key])}`);
  console.log(`\nwritten to ${path.relative(root, RESULTS_FILE)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
