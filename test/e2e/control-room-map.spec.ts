import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DebriefPage } from './pages/debrief-page';
import { LocationPanelPage } from './pages/location-panel-page';

const { scenario, answerKey, policy } = bundledScenario('dv-whispered-999');
if (!answerKey.location) throw new Error('the bundled key has no location');
const incident = answerKey.location;

test('a trainee pins the caller on the map with the mouse, within the accepted radius, and the debrief says so', async ({ page }) => {
  // Audio blocked: the call is read, so the test does not wait for it to play.
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();

  const location = new LocationPanelPage(page);
  await expect(location.region).toBeVisible();
  await expect(location.scaleReadout).toBeVisible({ timeout: 30_000 });
  expect(await location.paintedPixels(), 'the map canvas is not blank').toBeGreaterThan(2_000);
  await expectNoAccessibilityViolations(page, 'call with the map');

  await location.clickMapAt(incident.point);
  await expect(location.pinStatus).toContainText('Pinned: Map point');

  // Take the first option at every question to reach the end quickly.
  while (!(await call.callEndedHeading.isVisible())) {
    const next = page.getByRole('button', { name: 'Continue' }).or(page.locator('.option').first()).or(call.callEndedHeading);
    await expect(next.first()).toBeVisible();
    if (await call.callEndedHeading.isVisible()) break;
    await next.first().click();
  }
  await call.completeAssessment.click();
  const assessment = new AssessmentPage(page, policy);
  for (const element of policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: 'High' }).check();
    await assessment.rationale(element.name).fill('Threats, children, no safe exit.');
  }
  await assessment.grade('Emergency').check();
  await assessment.submit.click();

  const debrief = new DebriefPage(page);
  await expect(debrief.heading(scenario.metadata.title)).toBeVisible();
  const section = page.getByRole('region', { name: 'Caller location' });
  await expect(section).toContainText('on the map');
  await expect(section).toContainText('Within the accepted area');
});

test('the map scene renders in the Canvas fallback too (no WebGL)', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    // Refuse WebGL as a GPU-less machine would, so Phaser falls back to Canvas.
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (type.startsWith('webgl') || type === 'experimental-webgl') return null;
      return (original as (...args: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof HTMLCanvasElement.prototype.getContext;
  });
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  await page.getByRole('button', { name: 'Answer' }).click();
  const location = new LocationPanelPage(page);
  await expect(location.scaleReadout).toBeVisible({ timeout: 30_000 });
  expect(await location.paintedPixels()).toBeGreaterThan(2_000);
  await context.close();
});

test('the map stops drawing while nothing changes, and draws a pin set from the panel after it has been still', async ({ page }) => {
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  await new CallPage(page).answer.click();
  const location = new LocationPanelPage(page);
  await expect(location.scaleReadout).toBeVisible({ timeout: 30_000 });
  // Still for a while: the map's game loop sleeps, so no animation frame is asked for.
  await page.waitForTimeout(1_500);
  const framesAskedFor = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const original = window.requestAnimationFrame.bind(window);
        window.requestAnimationFrame = (callback) => {
          frames += 1;
          return original(callback);
        };
        setTimeout(() => {
          window.requestAnimationFrame = original;
          resolve(frames);
        }, 1_000);
      }),
  );
  expect(framesAskedFor, 'animation frames asked for in a second of stillness').toBe(0);
  const still = await location.map.screenshot();

  await location.pinBySearchWithKeyboard('Kestrel', /^Pin: Kestrel House/);
  await expect.poll(async () => (await location.map.screenshot()).equals(still), { message: 'the pin is drawn on the map' }).toBe(false);
});
