import fs from 'node:fs';
import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { DataPage } from './pages/data-page';
import { HistoryPage } from './pages/debrief-page';
import { LibraryPage } from './pages/library-page';
import { AppHeader, completeCallWithoutAudio, CpdPage, ProgressPage, ReflectionPage, TraineesPage } from './pages/progress-pages';

const { scenario, policy } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;

test('a second trainee opens their own record, practises, sees progress, reflects, exports and prints their CPD log, and finds it all again after a backup, a wipe and a restore', async ({ page }) => {
  test.setTimeout(240_000);
  // Audio blocked: each clip's words are shown instead, which keeps the two calls short.
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  const header = new AppHeader(page);

  // Profiles: add Sam, then deliberately open Sam's record; the header says whose it is.
  await page.goto('/#/trainees');
  const trainees = new TraineesPage(page);
  await expect(trainees.heading).toBeFocused();
  await expect(header.record).toHaveText(/Record: Trainee/);
  await trainees.addTrainee('Sam Okafor');
  await expect(header.record).toHaveText(/Record: Trainee/); // adding does not switch
  await expectNoAccessibilityViolations(page, 'trainees');
  await trainees.open('Sam Okafor');
  await expect(header.record).toHaveText(/Record: Sam Okafor/);

  // Two attempts as Sam: the right grade, then a confident under-grade.
  await completeCallWithoutAudio(page, scenario, policy, { rating: 'Medium', grade: 'Emergency', confidence: 'Fairly sure' });
  const debrief = await completeCallWithoutAudio(page, scenario, policy, { rating: 'Medium', grade: 'Priority', confidence: 'Certain' });
  await expect(page.getByRole('region', { name: 'Grade' })).toContainText('Under-graded by 1 level');
  void debrief;

  // History shows only the open record's attempts.
  await header.go('History');
  const history = new HistoryPage(page);
  await expect(history.table.getByRole('row', { name: new RegExp(title) })).toHaveCount(2);
  await header.switchTrainee.click();
  await trainees.open('Trainee');
  await header.go('History');
  await expect(page.getByText('No attempts yet.')).toBeVisible();
  await header.switchTrainee.click();
  await trainees.open('Sam Okafor');

  // The dashboard: both attempts, the confusion matrix marks the under-grade, a suggestion with its reason.
  await header.go('Progress');
  const progress = new ProgressPage(page);
  await expect(progress.heading).toBeFocused();
  await expect(page.getByText('2 attempts in this record.')).toBeVisible();
  const emergencyRow = progress.confusionRow('G1 Emergency');
  await expect(emergencyRow.getByRole('cell').nth(0)).toHaveText(/^1\s*✓/);
  await expect(emergencyRow.getByRole('cell').nth(1)).toHaveText(/^1\s*▼ under/);
  await expect(progress.suggestion).toContainText('You under-graded 1 of your last 2 domestic abuse calls, once when you were sure of your grade.');
  await expect(progress.competencyRow('Systems checks')).toContainText('No evidence yet');
  await expectNoAccessibilityViolations(page, 'progress dashboard');

  // A competency links to the attempts that evidence it: follow one to its debrief, then reflect.
  const gradingLinks = progress.competencyRow('Grading').getByRole('link');
  await expect(gradingLinks).toHaveCount(2);
  await gradingLinks.first().click();
  await expect(page.getByRole('heading', { level: 1, name: `Debrief: ${title}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Grade' })).toContainText('Under-graded by 1 level');
  await page.getByRole('link', { name: 'Reflect on this call (CPD log)' }).click();
  const reflection = new ReflectionPage(page);
  await expect(reflection.heading(title)).toBeFocused();
  await reflection.write({
    whatHappened: 'I graded a whispered call as Priority',
    whatILearned: '- A caller who cannot speak freely is at high risk',
    whatIWillDoDifferently: 'Grade on the risk, not on how calm she sounds',
  });

  // The CPD log: both attempts with their time, the reflection, field errors, export and print.
  await header.go('CPD log');
  const cpd = new CpdPage(page);
  await expect(cpd.heading('Sam Okafor')).toBeFocused();
  await expect(cpd.entries.getByRole('row', { name: new RegExp(`Call: ${title}`) })).toHaveCount(2);
  await expect(cpd.entries).toContainText('A caller who cannot speak freely is at high risk');
  await cpd.addActivity.click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('Give the activity a title');
  await expectNoAccessibilityViolations(page, 'CPD log with form errors');
  await page.getByRole('textbox', { name: 'Title' }).fill('=Vulnerability training day');
  await page.getByLabel('Date').fill('2026-02-14');
  await page.getByLabel('Time spent (minutes)').fill('180');
  await page.getByLabel('Kind of activity').selectOption('Course');
  await cpd.addActivity.click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText('Added “=Vulnerability training day” to your CPD log.');
  await expect(cpd.totals).toBeVisible();

  const downloading = page.waitForEvent('download');
  await cpd.exportCsv.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cpd-log-sam-okafor-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('Date,Type,Title,Minutes,Score (%),Compliance band,What happened,What I learned,What I will do differently,Activity kind,Notes');
  // The title holds a comma, so RFC 4180 quotes it.
  const titleCell = /[",]/.test(title) ? `"${title.replace(/"/g, '""')}"` : title;
  expect(lines.filter((line) => line.includes(`call-trainer attempt,${titleCell},`))).toHaveLength(2);
  expect(csv).toContain(`I graded a whispered call as Priority,'- A caller who cannot speak freely is at high risk,"Grade on the risk, not on how calm she sounds"`);
  expect(csv).toContain("CPD activity,'=Vulnerability training day,180");

  await page.emulateMedia({ media: 'print' });
  await expect(header.nav).toBeHidden();
  await expect(cpd.print).toBeHidden();
  await expect(cpd.heading('Sam Okafor')).toBeVisible();
  await expect(cpd.entries).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(header.nav).toBeVisible();
  await expectNoAccessibilityViolations(page, 'CPD log');

  // The library suggests the same next call, with its reason and a link to its briefing.
  await header.go('Library');
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();
  const suggestion = page.getByRole('complementary', { name: 'Practise next' });
  await expect(suggestion).toContainText('You under-graded 1 of your last 2 domestic abuse calls');
  await suggestion.getByRole('link', { name: /^Practise this call:/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Briefing:/ })).toBeVisible();

  // Back up, delete everything on the PC, restore: Sam's attempts, reflection and activity come back.
  const data = await new DataPage(page).open();
  const backup = await data.exportBackup();
  await data.deleteAllData();
  await expect(header.record).toHaveText(/Record: Trainee/);
  await header.go('History');
  await expect(page.getByText('No attempts yet.')).toBeVisible();
  await data.open();
  await expect(await data.importBackup(backup.name, backup.text)).toHaveText('Backup imported');
  await page.getByRole('button', { name: 'Open Sam Okafor’s record' }).click();
  await expect(header.record).toHaveText(/Record: Sam Okafor/);
  await header.go('Progress');
  await expect(page.getByText('2 attempts in this record.')).toBeVisible();
  await expect(progress.confusionRow('G1 Emergency').getByRole('cell').nth(1)).toHaveText(/^1\s*▼ under/);
  await header.go('CPD log');
  await expect(cpd.entries.getByRole('row', { name: new RegExp(`Call: ${title}`) })).toHaveCount(2);
  await expect(cpd.entries).toContainText('A caller who cannot speak freely is at high risk');
  await expect(cpd.entries).toContainText('=Vulnerability training day');
});
