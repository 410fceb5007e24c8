import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import type { Benchmark } from './benchmark';

/**
 * Lighthouse 12.8.2's performance score (0 to 100) of the built app's first screen, served by
 * `vite preview`, with the mobile preset (Lighthouse's default: simulated slow 4G and a 4x
 * slower CPU) and the desktop preset. Each is the median of three runs in a fresh headless
 * Chromium (a 2-core machine shared with other work varies by a few points).
 */
export const lighthouseBenchmark: Benchmark = {
  name: 'lighthouse',
  targets: { lighthouseMobile: { atLeast: 95 }, lighthouseDesktop: { atLeast: 100 } },
  needsApp: true,
  async run({ appUrl, chromePath }) {
    const score = async (preset: 'mobile' | 'desktop'): Promise<number> => {
      const chrome = await chromeLauncher.launch({ ...(chromePath ? { chromePath } : {}), chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
      try {
        const result = await lighthouse(`${appUrl}/`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, preset === 'desktop' ? desktopConfig : undefined);
        const value = result?.lhr.categories.performance?.score;
        if (process.env.BENCH_VERBOSE && result) {
          const a = result.lhr.audits;
          const metric = (id: string) => `${id} ${a[id]?.displayValue ?? '?'} (${a[id]?.score ?? '?'})`;
          const shifts = (a['layout-shifts']?.details as { items?: Array<{ node?: { snippet?: string; selector?: string }; score?: number }> } | undefined)?.items ?? [];
          for (const shift of shifts) console.log(`  layout shift ${shift.score?.toFixed(3)}: ${shift.node?.selector ?? ''} ${shift.node?.snippet ?? ''}`);
          console.log(`lighthouse ${preset}: ${Math.round((value ?? 0) * 100)}: ${['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'].map(metric).join(', ')}`);
        }
        if (typeof value !== 'number') throw new Error(`Lighthouse (${preset}) gave no performance score: ${result?.lhr.runtimeError?.message ?? 'no result'}`);
        return Math.round(value * 100);
      } finally {
        await chrome.kill();
      }
    };
    const medianOfThree = async (preset: 'mobile' | 'desktop') => {
      const scores = [await score(preset), await score(preset), await score(preset)].sort((a, b) => a - b);
      return scores[1]!;
    };
    return { lighthouseMobile: await medianOfThree('mobile'), lighthouseDesktop: await medianOfThree('desktop') };
  },
};
