import type { Frame, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageLms } from '../../src/cli/package-scorm';
import { bundledScenario, expect, test } from './fixtures';
import { DebriefPage } from './pages/debrief-page';
import { readAndAssessNaively } from './pages/text-call-journey';
import { extraPort, startStaticServer, type StaticServer } from './static-server';

const root = path.join(import.meta.dirname, '../..');
const { scenario, policy } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;
// The naive handler asks the whispering caller to speak up and offers to call her back.
const NAIVE_QUESTIONS = ['first-speak-up', 'location-call-back'];

let site: string;
let server: StaticServer;
let cmi5Zip: string;

/** Unzips a package into `folder`, as an LMS unpacks an imported package. */
function unzipInto(zip: string, folder: string): void {
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(fs.readFileSync(zip))))) {
    if (name.endsWith('/')) continue;
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), bytes);
  }
}

/** What the test's tiny LRS received. */
const lrs = { statements: [] as { verb: { id: string }; result?: Record<string, unknown>; context: { registration: string } }[], authorizations: [] as string[] };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const packages = packageLms(root);
  cmi5Zip = packages.cmi5;
  // The LMS's side: a host page with scorm-again's SCORM 1.2 API as window.API, and the unzipped
  // package (exactly as an LMS would unpack it) in an iframe.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'call-trainer-lms-'));
  unzipInto(packages.scorm12, path.join(site, 'package'));
  unzipInto(packages.cmi5, path.join(site, 'cmi5'));
  fs.copyFileSync(path.join(root, 'node_modules/scorm-again/dist/scorm12.js'), path.join(site, 'scorm12.js'));
  fs.writeFileSync(
    path.join(site, 'host.js'),
    [
      'window.API = new Scorm12API({ autocommit: false, logLevel: 5 });',
      // session_time is write-only in the data model: the host keeps what was set, and counts commits.
      'window.lmsValues = {}; window.lmsCommits = 0;',
      "window.API.on('LMSSetValue.cmi.*', function (element, value) { window.lmsValues[element] = value; });",
      "window.API.on('LMSCommit', function () { window.lmsCommits += 1; });",
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(site, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><script src="scorm12.js"></script><script src="host.js"></script></head>' +
      '<body><iframe title="call-trainer course" src="package/index.html" style="width:1200px;height:850px"></iframe></body></html>',
  );
  // cmi5's side: a tiny LRS on the same server (token, LMS.LaunchData, statements).
  server = await startStaticServer(site, extraPort(1), async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/lrs/')) return false;
    const body = await new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => resolve(text));
    });
    const json = (value: unknown) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/lrs/fetch' && request.method === 'POST') return json({ 'auth-token': 'dGVzdDp0b2tlbg==' }), true;
    lrs.authorizations.push(request.headers.authorization ?? '');
    if (url.pathname === '/lrs/xapi/activities/state' && url.searchParams.get('stateId') === 'LMS.LaunchData') {
      return json({ contextTemplate: { contextActivities: { grouping: [{ id: 'https://call-trainer.example/course/call-trainer' }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' } }, launchMode: 'Normal', moveOn: 'CompletedOrPassed' }), true;
    }
    if (url.pathname === '/lrs/xapi/statements' && request.method === 'POST') {
      lrs.statements.push(...(JSON.parse(body) as typeof lrs.statements));
      return json(['ok']), true;
    }
    response.writeHead(404).end();
    return true;
  });
});

test.afterAll(async () => {
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('the SCORM 1.2 package, launched by an LMS, reports a failed attempt with its score and session time', async ({ page }) => {
  test.setTimeout(120_000);
  const manifest = fs.readFileSync(path.join(site, 'package/imsmanifest.xml'), 'utf8');
  expect(manifest).toContain('adlcp:scormtype="sco" href="index.html"');
  for (const file of ['index.html', 'icons/icon.svg', `audio/${scenario.id}/${scenario.clips[0]!.id}.webm`]) expect(manifest).toContain(`<file href="${file}"/>`);

  // Audio blocked: the quickest journey, reading the call instead of hearing it.
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`${server.origin}/`);
  await expect.poll(() => page.evaluate(() => (window as unknown as { API: { cmi: { core: { lesson_status: string } } } }).API.cmi.core.lesson_status)).toBe('incomplete');
  const frame = page.frame({ url: /\/package\/index\.html/ });
  if (!frame) throw new Error('the package did not load in the iframe');
  // The page models ask only for role and label locators, which a Frame has as a Page does.
  const app = frame as Frame as unknown as Page;
  await expect(app.getByRole('heading', { level: 1, name: 'Scenario library' })).toBeVisible();
  await frame.goto(`${server.origin}/package/index.html#/scenarios/${scenario.id}/call`);

  await readAndAssessNaively(app, scenario, policy, NAIVE_QUESTIONS, ['call-back-caller']);
  const debrief = new DebriefPage(app);
  await expect(debrief.heading(title)).toBeVisible();
  await expect(debrief.outcome).toContainText('Not yet competent');
  const shownPercent = Number(/(\d+(?:\.\d+)?)%/.exec((await debrief.outcome.textContent()) ?? '')?.[1]);

  // What scorm-again, as the LMS, recorded: a critical miss puts the attempt outside the
  // policy's passing bands, so it failed, with its total as the raw score out of 100.
  const recorded = () =>
    page.evaluate(() => {
      const host = window as unknown as { API: { cmi: { core: Record<string, unknown> & { score: Record<string, string> } } }; lmsValues: Record<string, string>; lmsCommits: number };
      const core = host.API.cmi.core;
      return { status: core.lesson_status, raw: core.score.raw, min: core.score.min, max: core.score.max, sessionTime: host.lmsValues['cmi.core.session_time'], commits: host.lmsCommits };
    });
  await expect.poll(async () => (await recorded()).status).toBe('failed');
  const result = await recorded();
  expect(Math.round(Number(result.raw))).toBe(Math.round(shownPercent));
  expect(result.min).toBe('0');
  expect(result.max).toBe('100');
  expect(result.sessionTime).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(result.sessionTime).not.toBe('00:00:00.00');
  expect(result.commits).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => (window as unknown as { API: { isInitialized(): boolean } }).API.isInitialized())).toBe(true);
});

test('the cmi5 package, launched with cmi5 parameters, sends initialized, completed, failed with the score, and terminated', async ({ page }) => {
  test.setTimeout(120_000);
  const courseStructure = fs.readFileSync(path.join(site, 'cmi5/cmi5.xml'), 'utf8');
  expect(courseStructure).toContain('<url>index.html</url>');
  expect(fs.existsSync(path.join(site, 'cmi5/index.html'))).toBe(true);
  expect(fs.statSync(cmi5Zip).size).toBeGreaterThan(1_000_000);

  const registration = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
  const launch = new URLSearchParams({
    endpoint: `${server.origin}/lrs/xapi/`,
    fetch: `${server.origin}/lrs/fetch`,
    actor: JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'trainee-1' } }),
    registration,
    activityId: 'https://call-trainer.example/course/call-trainer/au/call-trainer',
  });
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`${server.origin}/cmi5/index.html?${launch}#/scenarios/${scenario.id}/call`);
  await expect.poll(() => lrs.statements.map((s) => s.verb.id.split('/').at(-1))).toEqual(['initialized']);

  await readAndAssessNaively(page, scenario, policy, NAIVE_QUESTIONS, []);
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeVisible();
  const shownPercent = Number(/(\d+(?:\.\d+)?)%/.exec((await debrief.outcome.textContent()) ?? '')?.[1]);

  await expect.poll(() => lrs.statements.map((s) => s.verb.id.split('/').at(-1))).toEqual(['initialized', 'completed', 'failed', 'terminated']);
  expect(lrs.statements.every((s) => s.context.registration === registration)).toBe(true);
  expect(lrs.authorizations.every((header) => header === 'Basic dGVzdDp0b2tlbg==')).toBe(true);
  const failed = lrs.statements[2]!;
  expect(failed.result).toMatchObject({ success: false, score: { min: 0, max: 100 } });
  expect(Math.round(Number((failed.result?.score as { raw: number }).raw))).toBe(Math.round(shownPercent));
  expect(lrs.statements[1]!.result).toMatchObject({ completion: true });
});
