import { defineConfig, devices } from '@playwright/test';

// Browser tests run in headless Chromium: Debian's (CHROME_PATH, set by test/e2e/run-e2e.mjs)
// or Playwright's own when none is installed. Audio autoplays so the journey can prove that the
// caller's clip really sounded.
const executablePath = process.env.CHROME_PATH;
// E2E_PORT lets two checkouts on one machine run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Spec files run side by side in two workers (a file's tests stay in order): the longest tests
  // play their calls' audio in real time, so they mostly wait. E2E_WORKERS=1 runs one at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
    // The service worker precaches every clip and then answers the page's audio requests from its
    // cache, out of reach of page.route(): a test that makes a call's audio fail would hear it
    // anyway once the worker controls the page (after a reload, or in a second tab). Only the specs
    // about the worker itself (offline.spec.ts, privacy.spec.ts) let it register.
    serviceWorkers: 'block',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--disable-quic', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
