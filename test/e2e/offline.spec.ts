import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledScenario, expect, expectNoAccessibilityViolations, tabTo, test } from './fixtures';
import { CallPage } from './pages/call-page';
import { BriefingPage, LibraryPage } from './pages/library-page';
import { extraPort, startStaticServer } from './static-server';

const root = path.join(import.meta.dirname, '../..');
const scenarioCount = fs.readdirSync(path.join(root, 'scenarios')).filter((name) => fs.existsSync(path.join(root, 'scenarios', name, 'scenario.json'))).length;
const { scenario } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;

// These tests are about the service worker: let it register (the config blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('after one visit the library, a call and the caller\u2019s audio all work with the network off', async ({ page, context }) => {
  await new LibraryPage(page).open();
  // The service worker installs (precaching the app, every scenario and all audio), then controls
  // the page from the next load on.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const probeNetwork = () => page.evaluate(() => fetch(`/not-cached-${Date.now()}.json`, { cache: 'no-store' }).then(() => 'reached the server', () => 'failed'));
  expect(await probeNetwork()).toBe('reached the server');

  await context.setOffline(true);
  await page.reload();
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();
  await expect(page.getByRole('link', { name: /^Open briefing: / })).toHaveCount(scenarioCount);

  await library.briefingLink(title).click();
  const briefing = new BriefingPage(page, title);
  await expect(briefing.heading(title)).toBeVisible();
  await briefing.startCall.click();
  const call = new CallPage(page);
  await call.answer.click();
  // The caller really sounds, from the service worker's cache.
  await expect(call.status).toHaveText('Caller speaking');
  await expect.poll(() => call.audioSeconds(), { timeout: 10_000 }).toBeGreaterThan(0.3);
  const first = await call.audioSeconds();
  await expect.poll(() => call.audioSeconds(), { timeout: 10_000 }).toBeGreaterThan(first + 0.5);
  await expect.poll(async () => Number(await call.lineLevel.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  // The network really is off: a request nothing has cached fails (some Chromium builds leave
  // navigator.onLine true under Playwright's offline emulation, so that flag proves nothing).
  expect(await probeNetwork()).toBe('failed');
});

test('a new version waits for the trainee: a notice offers to reload, and only the button applies it', async ({ page }) => {
  // Two builds on one origin: the one deployed now, and a newer one with a changed page.
  const dist = path.join(root, 'dist');
  const newer = fs.mkdtempSync(path.join(os.tmpdir(), 'call-trainer-newer-'));
  fs.cpSync(dist, newer, { recursive: true });
  const indexHtml = fs.readFileSync(path.join(newer, 'index.html'), 'utf8').replace('<title>', '<meta name="call-trainer-build" content="newer" />\n    <title>');
  fs.writeFileSync(path.join(newer, 'index.html'), indexHtml);
  const sw = fs.readFileSync(path.join(newer, 'sw.js'), 'utf8');
  const swNewer = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1newer"');
  expect(swNewer, 'sw.js precaches index.html with a revision').not.toBe(sw);
  fs.writeFileSync(path.join(newer, 'sw.js'), swNewer);

  const server = await startStaticServer(dist, extraPort(0));
  try {
    await page.goto(`${server.origin}/`);
    const library = new LibraryPage(page);
    await expect(library.heading).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const notice = page.getByRole('region', { name: /^A new version of call-trainer is ready\. Reload to update/ });
    await expect(notice).toHaveCount(0);

    // Deploy the newer build. Opening a call (a navigation, on which the browser checks for a new
    // service worker) finds it; the new version installs and waits, and the page does not reload.
    server.serve(newer);
    await page.goto(`${server.origin}/index.html#/scenarios/${scenario.id}/call`);
    const call = new CallPage(page);
    await expect(call.answer).toBeVisible();
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await expect(call.answer).toBeVisible();
    expect(await page.locator('meta[name="call-trainer-build"]').count()).toBe(0);

    // The notice is reachable by keyboard; pressing its button loads the new version.
    const reload = notice.getByRole('button', { name: 'Reload to update' });
    await expectNoAccessibilityViolations(page, 'call with the update notice');
    await tabTo(page, reload);
    await page.keyboard.press('Enter');
    await expect(page.locator('meta[name="call-trainer-build"]')).toHaveAttribute('content', 'newer');
    await expect(library.heading.or(call.answer)).toBeVisible();
    await expect(notice).toHaveCount(0);
  } finally {
    await server.close();
    fs.rmSync(newer, { recursive: true, force: true });
  }
});
