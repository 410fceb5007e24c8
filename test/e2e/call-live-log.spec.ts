import type { Locator, Page } from '@playwright/test';
import { expertResponse } from '../../src/domain/expert-response';
import { bundledScenario, expect, expectNoAccessibilityViolations, tabTo, test } from './fixtures';
import { AssessmentPage, CallPage, IncidentLogPage, SystemsChecksPage } from './pages/call-page';
import { DebriefPage, HistoryPage } from './pages/debrief-page';
import { BriefingPage, LibraryPage } from './pages/library-page';

const dv = bundledScenario('dv-whispered-999');
const sms = bundledScenario('emergency-sms-deaf-caller-999');

/** The expert's path through a scenario: each question's prompt and the option text chosen. */
function expertPath(bundle: ReturnType<typeof bundledScenario>): { prompt: string; option: string; optionId: string }[] {
  const expert = expertResponse(bundle.scenario, bundle.answerKey, bundle.policy);
  if (!expert) throw new Error(`${bundle.scenario.id}: the key has no expert path`);
  return expert.questionsAsked.map((step) => {
    const node = bundle.scenario.callGraph.nodes.find((n) => n.id === step.nodeId);
    const option = node?.kind === 'questionChoice' ? node.options.find((o) => o.id === step.optionId) : undefined;
    if (node?.kind !== 'questionChoice' || !option) throw new Error(`expert step ${step.optionId} is not in the graph`);
    return { prompt: node.prompt, option: option.text, optionId: option.id };
  });
}

const weaponRule = dv.answerKey.regrades?.find((rule) => 'clip' in rule.after);
if (!weaponRule || !('clip' in weaponRule.after)) throw new Error('dv-whispered-999 must require a re-grade after a cue');
const weaponClip = weaponRule.after.clip;
const weaponOption = dv.scenario.callGraph.nodes.flatMap((node) => {
  if (node.kind !== 'questionChoice') return [];
  return node.options.filter((option) => {
    const next = dv.scenario.callGraph.nodes.find((n) => n.id === option.next);
    return next?.kind === 'callerSpeech' && next.clip === weaponClip;
  });
})[0];
if (!weaponOption) throw new Error(`no option leads to the weapon clip "${weaponClip}"`);
const expected = dv.policy.grades.find((g) => g.id === weaponRule.expected);
const lower = dv.policy.grades[dv.policy.grades.findIndex((g) => g.id === weaponRule.expected) + 1];
if (!expected || !lower) throw new Error('the re-grade must expect a grade with a lower one below it');
const expectedGrade = expected.name;
const lowerGrade = lower.name;
/** How the log's narrative writes each grade change. */
const lowerEntry = `GRADE ${lower.shortLabel} ${lower.name}`.toUpperCase();
const expectedEntry = `GRADE ${expected.shortLabel} ${expected.name}`.toUpperCase();
const lateCredit = dv.policy.scoring.timeliness?.lateRegradeCredit ?? 0.5;

/**
 * Runs the whispered 999 call with its audio blocked (each clip is read, then continued), along
 * the expert's path. The trainee grades at the start; `afterWeapon` runs as soon as the weapon
 * clip has been read.
 */
async function takeDvCall(page: Page, afterWeapon: (log: IncidentLogPage) => Promise<void>): Promise<void> {
  await page.route(`**/audio/${dv.scenario.id}/**`, (route) => route.abort('failed'));
  await page.goto(`/#/scenarios/${dv.scenario.id}/call`);
  const call = new CallPage(page);
  const log = new IncidentLogPage(page, dv.policy);
  await call.answer.click();
  await log.grade(lowerGrade).check();
  await expect(log.narrative).toContainText(lowerEntry);
  const cont = page.getByRole('button', { name: 'Continue' });
  /** Reads each clip (its audio is blocked) and continues until `target` shows. */
  const continueTo = async (target: Locator) => {
    for (;;) {
      await expect(cont.or(target).first()).toBeVisible();
      if (await target.isVisible()) return;
      await cont.click();
    }
  };
  for (const step of expertPath(dv)) {
    await continueTo(call.prompt(step.prompt));
    await call.option(step.option).click();
    if (step.optionId === weaponOption?.id) {
      await expect(cont).toBeVisible();
      await cont.click();
      await afterWeapon(log);
    }
  }
  await continueTo(call.callEndedHeading);
}

async function submitHighAssessment(page: Page, grade?: string): Promise<void> {
  const call = new CallPage(page);
  await call.completeAssessment.click();
  const assessment = new AssessmentPage(page, dv.policy);
  await expect(assessment.heading).toBeFocused();
  if (grade) await assessment.grade(grade).check();
  for (const element of dv.policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: 'High' }).check();
    await assessment.rationale(element.name).fill('A knife and a threat to kill.');
  }
  await assessment.submit.click();
}

test('a trainee who raises the grade as soon as the knife is mentioned gets the re-THRIVE credit', async ({ page }) => {
  await takeDvCall(page, async (log) => {
    await log.grade(expectedGrade).check();
    await expect(log.narrative).toContainText(expectedEntry);
    await log.noteByKeyboard('Caller states he has a knife from the kitchen');
  });
  await expectNoAccessibilityViolations(page, 'call ended with a live log');
  await submitHighAssessment(page);
  // The log's grade carries over to the form: the trainee did not choose it again.
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(dv.scenario.metadata.title)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Score by category' }).getByRole('row', { name: /^Grade / })).toContainText('100%');
});

test('a trainee who leaves the grade unchanged after the knife loses the re-THRIVE credit, even graded right at the end', async ({ page }) => {
  await page.clock.install();
  await takeDvCall(page, async () => {
    // The call goes on; the key's allowance after the cue runs out with the grade still lower,
    // and the neighbour's second 999 call arrives in the updates area at its time.
    const update = dv.scenario.updates?.find((u) => 'atSeconds' in u.at);
    const atSeconds = update && 'atSeconds' in update.at ? update.at.atSeconds : 0;
    await page.clock.fastForward(Math.max(weaponRule.withinSeconds + 5, atSeconds + 1) * 1000);
    if (update) await expect(page.getByRole('log', { name: 'Updates' })).toContainText(update.text);
  });
  await page.getByRole('button', { name: 'Complete your assessment' }).click();
  const assessment = new AssessmentPage(page, dv.policy);
  await expect(assessment.grade(lowerGrade)).toBeChecked();
  await assessment.grade(expectedGrade).check();
  for (const element of dv.policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: 'High' }).check();
    await assessment.rationale(element.name).fill('A knife and a threat to kill.');
  }
  await assessment.submit.click();
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(dv.scenario.metadata.title)).toBeVisible();
  // Same final grade as the trainee who re-graded in time; only the late re-grade's share is lost.
  await expect(page.getByRole('table', { name: 'Score by category' }).getByRole('row', { name: /^Grade / })).toContainText(
    `${Math.round(((1 + lateCredit) / 2) * 100)}%`,
  );
});

test('practice mode: the trainee can pause the caller, replay the last seconds and resume', async ({ page }) => {
  await page.goto(`/#/scenarios/${dv.scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();
  await expect.poll(() => call.audioSeconds(), { timeout: 15_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Pause caller' }).click();
  await expect(call.status).toHaveText('Caller speaking (paused)');
  const pausedAt = await call.audioSeconds();
  await page.getByRole('button', { name: /^Replay last \d+ seconds$/ }).click();
  await page.getByRole('button', { name: 'Resume caller' }).click();
  await expect(call.status).toHaveText('Caller speaking');
  await expect.poll(() => call.audioSeconds(), { timeout: 10_000 }).toBeLessThan(pausedAt - 1);
  await expect(page.getByRole('region', { name: 'Coaching' })).toBeVisible();
});

test('assessment mode: neutral captions, no pause, no replay, no hints, and the attempt is recorded as assessed', async ({ page }) => {
  await page.route(`**/audio/${dv.scenario.id}/**`, (route) => route.abort('failed'));
  const library = await new LibraryPage(page).open();
  await library.briefingLink(dv.scenario.metadata.title).click();
  const briefing = new BriefingPage(page, dv.scenario.metadata.title);
  await expect(briefing.modeGroup).toContainText('no hints');
  await briefing.mode('Assessment').check();
  await expectNoAccessibilityViolations(page, 'briefing with the mode choice');
  await briefing.startCall.click();

  const call = new CallPage(page);
  await call.answer.click();
  await expect(page.getByRole('region', { name: 'Call details' })).toContainText('Assessment');
  await page.getByRole('button', { name: 'Continue' }).click();
  // Sounds are captioned neutrally: the transcript gives "[loud banging]", not the verbatim caption.
  const opening = dv.scenario.clips.find((clip) => clip.id === 'opening');
  const sound = opening?.transcript.find((line) => line.kind === 'sound');
  if (sound?.kind !== 'sound' || !sound.neutralCaption) throw new Error('the opening clip needs a sound line with a neutral caption');
  await expect(call.transcript).toContainText(sound.neutralCaption);
  await expect(call.transcript).not.toContainText(sound.caption);
  await expect(page.getByRole('button', { name: /Pause|Replay/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Coaching' })).toHaveCount(0);
  await expectNoAccessibilityViolations(page, 'assessment-mode call');

  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(call.callEndedHeading).toBeFocused();
  await submitHighAssessment(page, expectedGrade);
  await expect(new DebriefPage(page).heading(dv.scenario.metadata.title)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const history = new HistoryPage(page);
  await expect(history.table.getByRole('row', { name: new RegExp(dv.scenario.metadata.title) })).toContainText('Assessment');
});

test('assessment mode gives a text contact no hints and no pause', async ({ page }) => {
  await page.clock.install();
  await page.goto(`/#/scenarios/${sms.scenario.id}/call/assessment`);
  const call = new CallPage(page);
  await call.answer.click();
  const first = expertPath(sms)[0];
  if (!first) throw new Error('no first question');
  await expect(page.getByRole('button', { name: 'Pause messages' })).toHaveCount(0);
  await page.clock.runFor(30_000);
  await expect(call.prompt(first.prompt)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Coaching' })).toHaveCount(0);
});

test('a trainee completes the emergency SMS by keyboard alone: replies, incident log and systems checks', async ({ page }) => {
  // Every control is reached by Tab, and the shared machine is slow: allow time for the presses.
  test.setTimeout(420_000);
  await page.clock.install();
  const { scenario, policy } = sms;
  const title = scenario.metadata.title;
  const library = await new LibraryPage(page).open();
  await tabTo(page, library.briefingLink(title));
  await page.keyboard.press('Enter');
  const briefing = new BriefingPage(page, title);
  await expect(briefing.heading(title)).toBeFocused();
  await expect(briefing.mode('Practice')).toBeChecked();
  await tabTo(page, briefing.startCall);
  await page.keyboard.press('Enter');

  const call = new CallPage(page);
  await expect(call.answer).toBeFocused();
  await page.keyboard.press('Enter');
  const conversation = page.getByRole('region', { name: /conversation$/ });
  const log = new IncidentLogPage(page, policy);
  const checks = new SystemsChecksPage(page);
  const path = expertPath(sms);

  // Practice mode: messages can be paused.
  await expect(page.getByRole('button', { name: 'Pause messages' })).toBeVisible();
  const openingText = scenario.clips.find((clip) => clip.id === 'opening')?.transcript[0];
  if (openingText?.kind === 'speech') await expect(conversation).toContainText(openingText.text);

  // Grade at once and search the texting number's warning markers, by keyboard.
  await log.gradeByKeyboard('Emergency');
  const numberSubject = scenario.systems?.subjects.find((s) => s.kind === 'phone-number');
  if (!numberSubject) throw new Error('the SMS scenario needs a phone-number subject');
  await tabTo(page, checks.check(numberSubject.label, 'Warning markers'));
  await page.keyboard.press('Enter');
  await expect(checks.announcement).toContainText('Searching warning markers');
  await expect(checks.results).toContainText('Searching');
  await page.clock.runFor(10_000);
  await expect(checks.announcement).toContainText('1 record found');
  // A warning marker reads as an upper-case label (the icon is decoration), never colour alone.
  await expect(checks.results).toContainText('HIGH-RISK DOMESTIC ABUSE');
  await expect(log.narrative).toContainText('RESULT Warning markers');
  await expectNoAccessibilityViolations(page, 'text contact with a systems check');

  for (const [index, step] of path.entries()) {
    await page.clock.runFor(30_000);
    await expect(call.prompt(step.prompt)).toBeVisible();
    if (index === 0) {
      // Practice mode coaches: the hint before the decision is shown.
      await expect(page.getByRole('region', { name: 'Coaching' })).not.toContainText('Hints appear here');
    }
    await tabTo(page, call.option(step.option));
    await page.keyboard.press('Enter');
    await expect(conversation).toContainText(step.option);
  }
  await log.noteByKeyboard('Caller is Deaf, texting from a locked bathroom');
  await page.clock.runFor(60_000);
  await expect(call.callEndedHeading).toBeVisible();
  await tabTo(page, call.completeAssessment);
  await page.keyboard.press('Enter');

  const assessment = new AssessmentPage(page, policy);
  await expect(assessment.heading).toBeFocused();
  await expect(assessment.grade('Emergency')).toBeChecked();
  for (const element of policy.framework.elements) {
    await assessment.rateByKeyboard(element.name, 'High', 'Ex-partner in breach of an order, inside');
  }
  await tabTo(page, assessment.submit);
  await page.keyboard.press('Enter');
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeFocused();
});
