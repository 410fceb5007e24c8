import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { CohortPage } from './pages/cohort-page';
import { DataPage } from './pages/data-page';
import { AppHeader, completeCallWithoutAudio, TraineesPage } from './pages/progress-pages';

const { scenario, policy } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;

test('a trainer loads two trainees’ backups (one twice) and a tampered one: per-scenario spread, per-trainee rows, the bad file named with its reason, nothing stored', async ({ page }) => {
  test.setTimeout(240_000);
  // Audio blocked: each clip's words are shown instead, which keeps the calls short.
  await page.route(`**/audio/${scenario.id}/**`, (route) => route.abort('failed'));
  const header = new AppHeader(page);
  const trainees = new TraineesPage(page);
  const data = new DataPage(page);

  // Sam grades the call as the expert does, and backs up.
  await page.goto('/#/trainees');
  await trainees.addTrainee('Sam Okafor');
  await trainees.open('Sam Okafor');
  await completeCallWithoutAudio(page, scenario, policy, { rating: 'Medium', grade: 'Emergency' });
  await data.open();
  const sam = await data.exportBackup();

  // A fresh PC: Alex under-grades the same call, and backs up.
  await data.deleteAllData();
  await header.switchTrainee.click();
  await trainees.addTrainee('Alex Brown');
  await trainees.open('Alex Brown');
  await completeCallWithoutAudio(page, scenario, policy, { rating: 'Medium', grade: 'Priority' });
  await data.open();
  const alex = await data.exportBackup();

  // A hand-edited copy of Alex's backup: a better score than the attempt earned.
  const edited = JSON.parse(alex.text);
  edited.tables.attempts[0].report.percent = 95;
  const tampered = { name: 'alex-improved.json', text: JSON.stringify(edited, null, 2) };

  // The trainer's PC (here the same one, after deleting everything): load all four files at once.
  await data.deleteAllData();
  const cohort = await new CohortPage(page).open();
  await expectNoAccessibilityViolations(page, 'cohort view before loading');
  const result = await cohort.load([
    { name: 'sam.json', text: sam.text },
    { name: 'sam-again.json', text: sam.text },
    { name: 'alex.json', text: alex.text },
    tampered,
  ]);
  await expect(result).toHaveText('Cohort: 2 trainees, 2 attempts');
  await expect(page.getByText('3 files of 4 loaded. 1 attempt found in more than one file was counted once. 2 profiles with no attempts are not shown.')).toBeVisible();
  await expect(cohort.notLoaded).toContainText('alex-improved.json $.checksum: the file was changed after it was exported');

  // Per scenario: two attempts by two trainees; one on the expert's grade, one under-graded.
  await expect(page.getByRole('heading', { level: 3, name: title })).toBeVisible();
  await expect(page.getByText('2 attempts by 2 trainees. Under-graded: 1 · over-graded: 0 of 2.')).toBeVisible();
  const emergency = cohort.gradeSpread(title).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Expected: G1 Emergency' }) });
  await expect(emergency.getByRole('cell').nth(0)).toHaveText(/^1\s*✓$/);
  await expect(emergency.getByRole('cell').nth(1)).toHaveText(/^1\s*▼ under$/);
  await expect(emergency.getByRole('cell').nth(2)).toHaveText('0');
  // Both rated every element Medium where the expert says High: under-rated, in the Medium column.
  const ratings = cohort.ratingSpread(title);
  await expect(ratings.getByRole('row')).toHaveCount(policy.framework.elements.length + 1);
  const threat = ratings.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Threat \(expert: High\)/ }) });
  await expect(threat.getByRole('cell')).toHaveText(['0', /^2\s*▼ under$/, '0', '0']);
  // Only Alex's under-grade broke the "graded as an emergency" rule.
  const notEmergency = cohort.criticalMisses(title).getByRole('row', { name: /The incident was not graded as an emergency/ });
  await expect(notEmergency.getByRole('cell')).toHaveText(['1', '1']);

  // Per trainee: attempts, latest band, scores and weakest competency.
  await expect(cohort.trainees.getByRole('row')).toHaveCount(3);
  await expect(cohort.traineeRow('Alex Brown').getByRole('cell').nth(0)).toHaveText('1');
  await expect(cohort.traineeRow('Alex Brown').getByRole('cell').nth(1)).toContainText('Not yet competent');
  await expect(cohort.traineeRow('Alex Brown').getByRole('cell').nth(3)).toHaveText('one attempt so far');
  await expect(cohort.traineeRow('Sam Okafor').getByRole('cell').nth(0)).toHaveText('1');
  await expect(cohort.traineeRow('Sam Okafor').getByRole('cell').nth(2)).toHaveText(/^\d+(\.\d)?%$/);
  await expect(cohort.traineeRow('Sam Okafor').getByRole('cell').nth(4)).not.toHaveText('—');
  await expectNoAccessibilityViolations(page, 'cohort view with two trainees and a refused file');

  // Nothing of the trainees was stored: this PC's own record is still empty.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByText('No attempts yet.')).toBeVisible();
  await expect(header.record).toHaveText(/Record: Trainee/);
});
