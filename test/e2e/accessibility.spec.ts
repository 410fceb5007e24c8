import type { Locator, Page } from '@playwright/test';
import { bundledScenario, expect, expectNoAccessibilityViolations, tabTo, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DebriefPage, HistoryPage } from './pages/debrief-page';
import { LocationPanelPage } from './pages/location-panel-page';
import { BriefingPage, LibraryPage } from './pages/library-page';
import { DrillListPage, SurgePage } from './pages/surge-page';

// Screens and states the journeys do not already put through axe (they cover the library,
// filtered library, briefing, ringing, connected, assessment and its errors, a full-marks debrief,
// filled history, the drill list, briefing, wallboard, call in hand and drill debriefs).
const { scenario, policy } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;
const optionText = (id: string) =>
  scenario.callGraph.nodes.flatMap((n) => (n.kind === 'questionChoice' ? n.options : [])).find((o) => o.id === id)!.text;
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('screens the journeys leave out have no axe violations: empty history, not found, a content warning, an audio problem, the ended call, a failing debrief', async ({ page }) => {
  const history = await new HistoryPage(page).open();
  await expect(page.getByText('No attempts yet.')).toBeVisible();
  await expectNoAccessibilityViolations(page, 'empty history');

  await page.goto('/#/no/such/screen');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeFocused();
  await expectNoAccessibilityViolations(page, 'not found');

  await page.goto(`/#/scenarios/${scenario.id}`);
  const briefing = new BriefingPage(page, title);
  await expect(briefing.heading(title)).toBeFocused();
  await expect(page.getByRole('region', { name: 'Before you start' })).toContainText(scenario.metadata.contentWarnings[0]!);
  await expectNoAccessibilityViolations(page, 'briefing with a content warning');

  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await briefing.startCall.click();
  const call = new CallPage(page);
  await call.answer.click();
  await expect(call.continueButton).toBeFocused();
  await expectNoAccessibilityViolations(page, 'a line whose audio could not play');
  // The naive path: the line drops before the address is known.
  await call.talkThrough(['first-speak-up', 'location-call-back'].map(optionText));
  await expect(call.callEndedHeading).toBeFocused();
  await expectNoAccessibilityViolations(page, 'ended call');
  await call.completeAssessment.click();
  await new AssessmentPage(page, policy).completeWith('Priority');
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeFocused();
  await expect(debrief.criticalMisses).toBeVisible();
  await expectNoAccessibilityViolations(page, 'debrief with critical misses and a wellbeing signpost');
  await history.open();
  await expect(history.table.getByRole('row', { name: new RegExp(title) })).toBeVisible();
});

test('every navigation puts focus on the new screen\u2019s heading, by link, by keyboard and by the back button', async ({ page }) => {
  const library = await new LibraryPage(page).open();
  await expect(library.heading).toBeFocused();
  const h1 = (name: string | RegExp): Locator => page.getByRole('heading', { level: 1, name });

  await tabTo(page, mainNav(page).getByRole('link', { name: 'History' }));
  await page.keyboard.press('Enter');
  await expect(h1('Your history')).toBeFocused();
  await tabTo(page, mainNav(page).getByRole('link', { name: 'Call surge' }));
  await page.keyboard.press('Enter');
  await expect(new DrillListPage(page).heading).toBeFocused();
  await page.goBack();
  await expect(h1('Your history')).toBeFocused();
  await page.goBack();
  await expect(library.heading).toBeFocused();

  await library.briefingLink(title).click();
  await expect(new BriefingPage(page, title).heading(title)).toBeFocused();
  await page.getByRole('link', { name: 'Back to library' }).click();
  await expect(library.heading).toBeFocused();

  // The skip link, reached by Tab, takes keyboard users past the navigation to the screen itself.
  await tabTo(page, page.getByRole('link', { name: 'Skip to main content' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('closing a panel leaves focus where a keyboard user carries on: place results and a cleared pin', async ({ page }) => {
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();
  const location = new LocationPanelPage(page);
  await tabTo(page, location.search);
  await page.keyboard.type('Kestrel');
  const firstResult = location.region.getByRole('button', { name: /^Pin: Kestrel House/ }).first();
  await page.keyboard.press('ArrowDown');
  await expect(firstResult).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(location.search).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(location.pinStatus).toContainText('Pinned: Kestrel House');
  await expect(firstResult).toBeFocused();

  const clear = location.region.getByRole('button', { name: 'Clear pin' });
  await tabTo(page, clear);
  await page.keyboard.press('Enter');
  await expect(location.pinStatus).toHaveText('Nothing pinned yet.');
  await expect(location.search).toBeFocused();
});

test('with reduced motion asked for, nothing rings, pulses or slides', async ({ page }) => {
  const animationOf = (locator: Locator) => locator.evaluate((element) => getComputedStyle(element).animationName);
  const transitionOf = (locator: Locator) => locator.evaluate((element) => getComputedStyle(element).transitionDuration);
  const ringingPanel = page.getByRole('region', { name: /^Incoming .* call$/ });

  // Without the preference the ringing call pulses, so the check below means something.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  await expect(ringingPanel).toBeVisible();
  expect(await animationOf(ringingPanel)).toBe('ring-pulse');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animationOf(ringingPanel)).toBe('none');
  const answer = new CallPage(page).answer;
  expect(await animationOf(answer)).toBe('none');
  expect(await transitionOf(answer)).toBe('0s');

  // The surge wallboard's ringing card is still too.
  await mainNav(page).getByRole('link', { name: 'Call surge' }).click();
  const list = new DrillListPage(page);
  await list.page.getByRole('link', { name: /^Open drill/ }).first().click();
  const surge = new SurgePage(page);
  await surge.startDrill.click();
  const ringingCards = surge.wallboard.getByRole('article').filter({ hasText: 'Ringing' });
  await expect(ringingCards.first()).toBeVisible();
  for (const card of await ringingCards.all()) expect(await animationOf(card)).toBe('none');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
});
