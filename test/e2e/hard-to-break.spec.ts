import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { AssessmentPage, CallPage } from './pages/call-page';
import { DebriefPage, HistoryPage } from './pages/debrief-page';

const { scenario, answerKey, policy } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;
const optionText = (id: string) => {
  for (const node of scenario.callGraph.nodes) {
    if (node.kind !== 'questionChoice') continue;
    const option = node.options.find((o) => o.id === id);
    if (option) return option.text;
  }
  throw new Error(`no option ${id} in ${scenario.id}`);
};
const keyQuestion = (optionId: string) => {
  const question = answerKey.keyQuestions.find((q) => q.optionIds.includes(optionId));
  if (!question) throw new Error(`${optionId} is not a key question`);
  return question.question;
};
// The shortest way through the whispered call: address first, then to the end.
const shortPath = ['first-address', 'threats-weapons', 'others-children', 'children-go-check'].map(optionText);

/** What the browser holds of unfinished calls, read straight from IndexedDB (not through the app). */
function keptCalls(page: Page): Promise<Array<{ scenarioId: string; questions: number }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('call-trainer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('callsInProgress')) return resolve([]);
          const all = db.transaction('callsInProgress').objectStore('callsInProgress').getAll();
          all.onsuccess = () => {
            resolve(all.result.map((row: { scenarioId: string; progress: { questionsAsked: unknown[] } }) => ({ scenarioId: row.scenarioId, questions: row.progress.questionsAsked.length })));
            db.close();
          };
        };
      }),
  );
}

/** Each line is read rather than heard, so the test does not wait for real-time audio. */
async function withoutCallerAudio(page: Page) {
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
}

test('a reload mid-call keeps the unfinished call: history lists it, and resuming replays the last line and keeps the questions asked before', async ({ page }) => {
  await withoutCallerAudio(page);
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();
  const asked = ['first-safe-to-talk', 'location-address'];
  await call.talkThrough(asked.map(optionText), { untilEnded: false });
  await expect(call.continueButton).toBeVisible();
  await expect.poll(() => keptCalls(page)).toEqual([{ scenarioId: scenario.id, questions: 2 }]);

  await page.reload();
  const prompt = page.getByRole('heading', { level: 1, name: `Unfinished call: ${title}` });
  await expect(prompt).toBeFocused();
  await expect(page.getByRole('definition').filter({ hasText: /^2$/ })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'resume or start again');

  const history = await new HistoryPage(page).open();
  await expect(history.unfinished.getByRole('row', { name: new RegExp(title) })).toContainText('On the line');
  await expectNoAccessibilityViolations(page, 'history with an unfinished call');
  await history.unfinished.getByRole('link', { name: `Resume or restart: ${title}` }).click();
  await expect(prompt).toBeFocused();
  await page.getByRole('button', { name: 'Resume the call' }).click();

  // The caller's last line comes again (read, as its audio cannot play, so focus is on Continue),
  // after everything said before the reload.
  await expect(call.heading(title)).toBeVisible();
  await expect(call.continueButton).toBeFocused();
  for (const id of asked) await expect(call.transcript).toContainText(optionText(id));
  await call.talkThrough(['threats-weapons', 'others-children', 'children-go-check'].map(optionText));
  await call.completeAssessment.click();
  await new AssessmentPage(page, policy).completeWith('Emergency');

  const debrief = new DebriefPage(page);
  await expect(debrief.heading(title)).toBeFocused();
  const keyQuestions = page.getByRole('region', { name: 'Key questions' });
  for (const id of asked) await expect(keyQuestions).toContainText(`${keyQuestion(id)} (asked)`);
  await expect.poll(() => keptCalls(page)).toEqual([]);
  await new HistoryPage(page).open();
  await expect(history.unfinished).toHaveCount(0);
  await expect(history.table.getByRole('row', { name: new RegExp(title) })).toHaveCount(1);
});

test('starting again forgets the unfinished call and rings afresh', async ({ page }) => {
  await withoutCallerAudio(page);
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();
  await call.talkThrough([optionText('first-safe-to-talk')], { untilEnded: false });
  await expect.poll(() => keptCalls(page)).toEqual([{ scenarioId: scenario.id, questions: 1 }]);
  await page.reload();
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(call.answer).toBeFocused();
  await expect.poll(() => keptCalls(page)).toEqual([]);
});

test('two tabs finishing calls at the same moment lose nothing', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage()];
  const [first, second] = tabs as [Page, Page];
  for (const tab of tabs) await withoutCallerAudio(tab);
  // The first tab's call is kept as unfinished from the moment it is answered; a second tab opened
  // on the same scenario must not offer to resume a call that is still on the line.
  await first.goto(`/#/scenarios/${scenario.id}/call`);
  await new CallPage(first).answer.click();
  await expect.poll(() => keptCalls(first)).toHaveLength(1);
  await second.goto(`/#/scenarios/${scenario.id}/call`);
  await new CallPage(second).answer.click();
  // A third tab's history lists both calls as on the line elsewhere, with nothing to resume.
  await expect.poll(() => keptCalls(first)).toHaveLength(2);
  const observer = await context.newPage();
  const onTheLine = (await new HistoryPage(observer).open()).unfinished.getByRole('row', { name: new RegExp(`${title}.*On the line in another tab`) });
  await expect(onTheLine).toHaveCount(2);
  await expect(observer.getByRole('link', { name: `Resume or restart: ${title}` })).toHaveCount(0);
  await expectNoAccessibilityViolations(observer, 'history with calls open in other tabs');
  await observer.close();

  // Both tabs talk through the call at once, each keeping its call in progress, and submit together.
  await Promise.all(
    tabs.map(async (tab) => {
      const call = new CallPage(tab);
      await call.talkThrough(shortPath);
      await call.completeAssessment.click();
    }),
  );
  await expect.poll(() => keptCalls(first)).toHaveLength(2);
  await Promise.all(tabs.map((tab) => new AssessmentPage(tab, policy).completeWith('Emergency')));
  for (const tab of tabs) await expect(new DebriefPage(tab).heading(title)).toBeVisible();

  const history = await new HistoryPage(first).open();
  await expect(history.table.getByRole('row', { name: new RegExp(title) })).toHaveCount(2);
  await expect(history.unfinished).toHaveCount(0);
  expect(await keptCalls(first)).toEqual([]);
});

test('a full disk while saving is reported, the attempt can be downloaded, and the earlier attempt survives', async ({ page }) => {
  // IndexedDB's own put/add on the attempts store throw the browser's quota error once the disk
  // "fills" (a flag in sessionStorage, so it holds across page loads of the tab).
  await page.addInitScript(() => {
    const quota = (store: IDBObjectStore) => {
      if (store.name === 'attempts' && sessionStorage.getItem('diskFull') === 'yes') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    };
    const { put, add } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      quota(this);
      return put.apply(this, args);
    };
    IDBObjectStore.prototype.add = function (...args: Parameters<typeof add>) {
      quota(this);
      return add.apply(this, args);
    };
  });
  await withoutCallerAudio(page);
  const call = new CallPage(page);
  const assessment = new AssessmentPage(page, policy);
  const takeCall = async () => {
    // A fresh page load for each call, as after the trainee opens the app again.
    await page.goto('about:blank');
    await page.goto(`/#/scenarios/${scenario.id}/call`);
    await call.answer.click();
    await call.talkThrough(shortPath);
    await call.completeAssessment.click();
  };
  await takeCall();
  await assessment.completeWith('Emergency');
  await expect(new DebriefPage(page).heading(title)).toBeVisible();

  await page.evaluate(() => sessionStorage.setItem('diskFull', 'yes'));
  await takeCall();
  await assessment.completeWith('Priority');
  const problem = page.getByRole('heading', { name: 'Your attempt could not be saved: this device is out of storage' });
  await expect(problem).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('This attempt was not saved: this device is out of storage. Earlier attempts are safe.');
  await expectNoAccessibilityViolations(page, 'attempt not saved, out of storage');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download this attempt as a file' }).click()]);
  const file = await download.path();
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { scenarioId: string; response: { assessment: { grade: string } } };
  expect(path.extname(download.suggestedFilename())).toBe('.json');
  expect(saved.scenarioId).toBe(scenario.id);
  expect(saved.response.assessment.grade).toBe(policy.grades.find((g) => g.name === 'Priority')?.id);
  // The screen is kept: the trainee can try again once space is freed.
  await expect(page.getByRole('button', { name: 'Try saving again' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const history = new HistoryPage(page);
  await expect(history.table.getByRole('row', { name: new RegExp(title) })).toHaveCount(1);
  await expect(history.unfinished.getByRole('row', { name: new RegExp(title) })).toContainText('Assessment not submitted');
});
