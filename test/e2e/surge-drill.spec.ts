import fs from 'node:fs';
import path from 'node:path';
import { parseSurgeDrill, parseSurgeDrillKey, type SurgeCall } from '../../src/domain/surge-drill-schema';
import { expect, expectNoAccessibilityViolations, tabTo, test } from './fixtures';
import { DrillListPage, SurgeDebriefPage, SurgePage } from './pages/surge-page';

const root = path.join(import.meta.dirname, '../..');
const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const drill = parseSurgeDrill(read('scenarios/surge-drills/evening-surge/drill.json'), 'drill.json');
const key = parseSurgeDrillKey(read('scenarios/surge-drills/evening-surge/answer-key.json'), 'answer-key.json');
const call = (id: string): SurgeCall => {
  const found = drill.calls.find((c) => c.id === id);
  if (!found) throw new Error(`no call ${id} in the drill`);
  return found;
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ordinal = (n: number) => `${n}${['th', 'st', 'nd', 'rd'][n] ?? 'th'}`;

test('a trainee works the evening surge by keyboard, and the debrief shows the expert\u2019s order with the reason for each place', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call surge' }));
  await page.keyboard.press('Enter');
  const list = new DrillListPage(page);
  await expect(list.heading).toBeFocused();
  await expectNoAccessibilityViolations(page, 'drill list');

  await tabTo(page, list.openLink(drill.title));
  await page.keyboard.press('Enter');
  const surge = new SurgePage(page);
  await expect(surge.heading(drill.title)).toBeFocused();
  await expect(page.getByText(drill.briefing)).toBeVisible();
  await expectNoAccessibilityViolations(page, 'drill briefing');
  await tabTo(page, surge.startDrill);
  await page.keyboard.press('Enter');

  // The wallboard: one card per call, with what is known before answering; waiting times tick up.
  await expect(surge.wallboardHeading).toBeFocused();
  await expect(surge.wallboard.getByRole('article')).toHaveCount(drill.calls.length);
  for (const c of drill.calls) {
    for (const fact of c.knownBeforeAnswer) await expect(surge.card(c)).toContainText(fact);
  }
  const carAlarm = call('car-alarm-101');
  await expect(surge.card(carAlarm)).toContainText(/Waiting for\s*14:0[2-9]/);
  await expect(surge.card(call('abandoned-999-heron-close'))).toContainText('Abandoned');
  await expectNoAccessibilityViolations(page, 'wallboard');

  // The trainee calls back the abandoned domestic-abuse number first, then the live 999, then the 101s.
  const traineeOrder = ['abandoned-999-heron-close', 'road-casualty-999', 'welfare-mother-101', 'car-alarm-101'].map(call);
  for (const [index, c] of traineeOrder.entries()) {
    await surge.takeByKeyboard(c);
    await expect(surge.card(c)).toHaveCount(0);
    if (index === 0) {
      await expect(surge.callPanel).toContainText(c.interimRisk ?? '');
      await expectNoAccessibilityViolations(page, 'call in hand');
    }
    await surge.finishByKeyboard(index === traineeOrder.length - 1);
  }
  await expect(surge.handledSoFar.getByRole('listitem')).toHaveText(traineeOrder.map((c) => new RegExp(`^${c.channel} call from ${c.callerNumber}`)));
  await tabTo(page, surge.submit);
  await page.keyboard.press('Enter');

  const debrief = new SurgeDebriefPage(page);
  await expect(debrief.heading(drill.title)).toBeFocused();
  // Calling back first swaps the expert's first two places: order 75 % of 70, call-backs 30 of 30.
  await expect(debrief.outcome).toContainText('83%');
  await expect(debrief.outcome).toContainText('Competent');
  await expect(debrief.criticalMisses).toHaveCount(0);
  await expect(debrief.expertOrder.getByRole('listitem')).toHaveText(key.order.map((placed) => new RegExp(escape(call(placed.callId).title))));
  for (const [index, placed] of key.order.entries()) {
    const row = debrief.row(call(placed.callId));
    await expect(row.getByRole('cell').first()).toHaveText(ordinal(index + 1));
    await expect(row).toContainText(placed.reason);
    const yours = traineeOrder.findIndex((c) => c.id === placed.callId) + 1;
    await expect(row.getByRole('cell').nth(1)).toContainText(ordinal(yours));
  }
  await expect(debrief.callBacks).toContainText('(called back)');
  for (const point of key.teachingPoints) await expect(page.getByText(point.text)).toBeVisible();
  await expectNoAccessibilityViolations(page, 'drill debrief');

  // Trying again starts from the briefing.
  await debrief.tryAgain.click();
  await expect(surge.heading(drill.title)).toBeFocused();
});

test('a trainee who answers the longest wait first and closes the abandoned call is shown the Hampshire lesson', async ({ page }) => {
  await page.goto(`/#/drills/${drill.id}`);
  const surge = new SurgePage(page);
  await surge.startDrill.click();
  await expect(surge.wallboardHeading).toBeFocused();

  for (const id of ['car-alarm-101', 'welfare-mother-101', 'road-casualty-999']) {
    await surge.answerButton(call(id)).click();
    await expect(surge.callHeading).toBeFocused();
    // One call at a time: while on a call, the wallboard offers no other.
    await expect(surge.wallboard.getByRole('button')).toHaveCount(0);
    await surge.done.click();
  }
  await surge.closeButton(call('abandoned-999-heron-close')).click();
  await expect(page.getByRole('status').filter({ hasText: 'without calling back' })).toBeVisible();
  await expect(surge.allHandledHeading).toBeFocused();
  await surge.submit.click();

  const debrief = new SurgeDebriefPage(page);
  await expect(debrief.heading(drill.title)).toBeVisible();
  await expect(debrief.outcome).toContainText('Not yet competent');
  await expect(debrief.criticalMisses).toBeVisible();
  for (const miss of key.criticalMisses) await expect(debrief.outcome).toContainText(miss.description);
  await expect(debrief.callBacks).toContainText('(not called back)');
  await expect(debrief.row(call('abandoned-999-heron-close'))).toContainText('4th');
  await expect(debrief.yourOrder.getByRole('listitem').last()).toContainText('closed without a call-back');
  await expectNoAccessibilityViolations(page, 'drill debrief with critical misses');
});
