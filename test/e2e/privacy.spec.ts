import type { Request } from '@playwright/test';
import { bundledScenario, expect, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DebriefPage, HistoryPage } from './pages/debrief-page';
import { BriefingPage, LibraryPage } from './pages/library-page';
import { DrillListPage } from './pages/surge-page';

// The shortest call in the library: a full journey with its real audio in about half a minute.
const { scenario, policy } = bundledScenario('parking-dispute-demand-999');
const title = scenario.metadata.title;
// The journey includes the service worker's own requests (precaching), so it may register here.
test.use({ serviceWorkers: 'allow' });
const questionChoices = scenario.callGraph.nodes.flatMap((node) => (node.kind === 'questionChoice' ? [node] : []));

declare global {
  interface Window {
    reportCspViolation?: (violation: string) => void;
  }
}

test('a full journey sends no request off the origin, breaks no Content-Security-Policy rule and logs no error', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? '').origin;
  // Every request of the page and of the service worker (context-level events include both).
  const requests: { url: string; by: string }[] = [];
  const record = (request: Request) => requests.push({ url: request.url(), by: request.serviceWorker() ? 'service worker' : request.resourceType() });
  context.on('request', record);
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (violation: string) => violations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation?.(`${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  const library = await new LibraryPage(page).open();
  await library.briefingLink(title).click();
  const briefing = new BriefingPage(page, title);
  await expect(briefing.heading(title)).toBeVisible();
  await briefing.startCall.click();

  const call = new CallPage(page);
  await call.answer.click();
  await expect(call.status).toHaveText('Caller speaking');
  await expect.poll(async () => Number(await call.lineLevel.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  // Take the first option at every question until the caller rings off (the map loads meanwhile).
  const asked = new Set<string>();
  while (!(await call.callEndedHeading.isVisible())) {
    const prompts = questionChoices.filter((node) => !asked.has(node.id)).map((node) => call.prompt(node.prompt));
    const next = prompts.reduce((either, prompt) => either.or(prompt), call.callEndedHeading);
    await expect(next.first()).toBeVisible({ timeout: 60_000 });
    for (const node of questionChoices) {
      if (asked.has(node.id) || !(await call.prompt(node.prompt).isVisible())) continue;
      asked.add(node.id);
      await call.option(node.options[0]!.text).click();
    }
  }
  await call.completeAssessment.click();

  const assessment = new AssessmentPage(page, policy);
  await expect(assessment.heading).toBeVisible();
  for (const element of policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: 'Medium' }).check();
    await assessment.rationale(element.name).fill('A neighbour dispute with no one hurt.');
  }
  await assessment.grade(policy.grades.at(-1)!.name).check();
  await assessment.submit.click();
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeVisible();
  await expect(debrief.outcome).toContainText('%');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'History' }).click();
  const history = new HistoryPage(page);
  await expect(history.table.getByRole('row', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();
  await nav.getByRole('link', { name: 'Call surge' }).click();
  await expect(new DrillListPage(page).heading).toBeVisible();
  await expect(page.getByRole('link', { name: /^Open drill: / }).first()).toBeVisible();

  expect(requests.length).toBeGreaterThan(10);
  expect(requests.some((r) => /\/audio\/parking-dispute-demand-999\//.test(r.url))).toBe(true);
  const offOrigin = requests.filter((r) => new URL(r.url).origin !== origin).map((r) => `${r.by}: ${r.url}`);
  expect(offOrigin).toEqual([]);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
