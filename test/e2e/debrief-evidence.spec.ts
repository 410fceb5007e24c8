import { cueTime } from '../../src/domain/cue-time';
import { bundledScenario, expect, expectNoAccessibilityViolations, tabTo, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DebriefPage } from './pages/debrief-page';

// A silent 999 call whose key requires the warning markers on the caller's number to be checked
// by the first muffled shout (critical). The trainee here runs no checks at all.
const { scenario, answerKey, policy } = bundledScenario('silent-999-55');
const title = scenario.metadata.title;
const markersCheck = answerKey.requiredChecks?.find((check) => check.database === 'warning-markers');
if (!markersCheck?.by || !('clip' in markersCheck.by)) throw new Error('silent-999-55 should require a warning-markers check by a cue');
const cue = markersCheck.by;
const cueSeconds = cueTime(scenario, cue);
if (cueSeconds === null) throw new Error('the check cue has no caption');
const cueClipNumber = scenario.clips.findIndex((clip) => clip.id === cue.clip) + 1;
const subjectLabel = scenario.systems?.subjects.find((s) => s.id === markersCheck.subject)?.label ?? markersCheck.subject;
const firstOptions = scenario.callGraph.nodes.flatMap((node) => (node.kind === 'questionChoice' && node.options[0] ? [node.options[0].text] : []));
const audioFiles = `**/audio/${scenario.id}/**`;

test('a missed required check is in the debrief, and its link replays the call from just before the cue', async ({ page }) => {
  test.setTimeout(180_000);
  // The call is read, not heard (its audio is blocked), so it runs at the pace of the clicks.
  await page.route(audioFiles, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();
  const cont = page.getByRole('button', { name: 'Continue' });
  const anyOption = firstOptions.map((text) => call.option(text)).reduce((all, option) => all.or(option));
  while (!(await call.callEndedHeading.isVisible())) {
    await expect(cont.or(anyOption).or(call.callEndedHeading).first()).toBeVisible();
    if (await cont.isVisible()) await cont.click();
    else if (await anyOption.first().isVisible()) await anyOption.first().click();
  }
  await call.completeAssessment.click();
  const assessment = new AssessmentPage(page, policy);
  for (const element of policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: 'Medium' }).check();
    await assessment.rationale(element.name).fill('An open line and no words.');
  }
  await assessment.grade('Priority').check();
  // The debrief's player must really play: let the audio through from now on.
  await page.unroute(audioFiles);
  await assessment.submit.click();

  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeFocused();
  await expect(debrief.summary.getByRole('heading', { name: 'To work on' })).toBeVisible();
  const missed = debrief.deviation(`Did not check warning markers for ${subjectLabel}`);
  await expect(missed).toHaveCount(1);
  await expect(missed).toContainText(markersCheck.reason);
  await expect(debrief.deviations.getByRole('heading', { name: /Critical/ })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'debrief');

  await debrief.hearTheMoment(missed).click();
  await expect(debrief.replayStatus).toContainText(`Playing caller clip ${cueClipNumber} of ${scenario.clips.length}`);
  const start = await debrief.replayStartSeconds();
  // Just before the cue: at most 10 s before it (never before the clip's start), and not after it.
  expect(start).toBeLessThan(cueSeconds);
  expect(start).toBeGreaterThanOrEqual(Math.max(0, cueSeconds - 10));
  // The player really plays: its position moves on from where it started.
  await expect.poll(() => debrief.replaySeconds(), { timeout: 15_000 }).toBeGreaterThan(start + 0.5);
  await expectNoAccessibilityViolations(page, 'debrief while replaying');

  // The timeline by keyboard: into the lanes, down to the expert's lane, the check marker replays the same moment.
  const firstMarker = debrief.timelineLane('Caller').getByRole('button').first();
  await tabTo(page, firstMarker);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const expertLane = debrief.timelineLane('Expert: should by');
  await page.keyboard.press('Home');
  const expertMarker = expertLane.getByRole('button', { name: new RegExp(`Should check warning markers for ${subjectLabel}`) });
  for (let presses = 0; presses < 20 && !(await expertMarker.evaluate((element) => element === document.activeElement)); presses += 1) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(expertMarker).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(debrief.replayStatus).toContainText(`Playing caller clip ${cueClipNumber} of`);
  expect(await debrief.replayStartSeconds()).toBeLessThan(cueSeconds);
  await expect(debrief.replayStatus).toContainText(/Should check warning markers/);
});
