import { validateStatement } from '../fixtures/xapi-validator';
import { startTestLrs } from '../fixtures/test-lrs-server';
import { extraPort } from './static-server';
import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { DataPage } from './pages/data-page';
import { DebriefPage, HistoryPage } from './pages/debrief-page';
import { completeTextOnlyAttempt } from './pages/text-call-journey';

const { scenario, policy } = bundledScenario('dv-whispered-999');
const title = scenario.metadata.title;
const NAIVE = ['first-speak-up', 'location-call-back'];
/** This checkout's test LRS port (beside E2E_PORT, apart from the other specs' extra servers). */
const LRS_PORT = extraPort(2);

test('statements of each attempt validate and reach the LRS, wait in the outbox while offline, and arrive when the connection returns', async ({ page, context }) => {
  test.setTimeout(180_000);
  const lrs = await startTestLrs(LRS_PORT);
  try {
    await page.goto('/');
    const data = await new DataPage(page).open();
    await expect(data.xapiStatus).toContainText('No LRS is configured: call-trainer sends nothing anywhere.');
    await expectNoAccessibilityViolations(page, 'your data');

    // https is required except on this PC.
    await data.endpoint.fill('http://lrs.example.org/xapi/');
    await data.key.fill('call-trainer');
    await data.secret.fill('s3cret');
    await data.saveConnection.click();
    await expect(data.endpoint).toBeFocused();
    await expect(page.getByText('the endpoint must use https://')).toBeVisible();
    await expectNoAccessibilityViolations(page, 'your data with a form error');

    await data.connectLrs(lrs.endpoint, 'call-trainer', 's3cret');
    await expect(data.xapiStatus).toContainText('0 statements waiting, 0 sent.');

    const first = await completeTextOnlyAttempt(page, scenario, policy, NAIVE);
    await expect.poll(() => lrs.received.flatMap((r) => r.statements).length).toBeGreaterThan(0);
    const firstStatements = lrs.received.flatMap((r) => r.statements);
    const verbs = firstStatements.map((s) => String((s.verb as { id: string }).id).split('/').pop());
    expect(verbs[0]).toBe('launched');
    expect(verbs.slice(-3)).toEqual(['scored', 'failed', 'completed']);
    expect(verbs.filter((v) => v === 'answered').length).toBeGreaterThanOrEqual(policy.framework.elements.length + 1);
    for (const statement of firstStatements) {
      expect(validateStatement(statement)).toEqual([]);
      expect((statement.context as { registration: string }).registration).toBe(first);
    }
    expect(lrs.received[0]!.headers['x-experience-api-version']).toBe('1.0.3');
    expect(lrs.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from('call-trainer:s3cret').toString('base64')}`);

    // Offline: the next attempt's statements wait in the outbox and the screen says so.
    await context.setOffline(true);
    const second = await completeTextOnlyAttempt(page, scenario, policy, NAIVE);
    await data.open();
    await expect(data.xapiStatus).toContainText(`${firstStatements.length} statements waiting, ${firstStatements.length} sent.`);
    await expect(data.xapiStatus).toContainText('You are offline: sending starts again when the connection returns.');
    expect(lrs.received.flatMap((r) => r.statements)).toHaveLength(firstStatements.length);

    await context.setOffline(false);
    await expect(data.xapiStatus).toContainText(`0 statements waiting, ${firstStatements.length * 2} sent. Everything has been sent.`);
    const secondStatements = lrs.received.flatMap((r) => r.statements).slice(firstStatements.length);
    expect(secondStatements).toHaveLength(firstStatements.length);
    for (const statement of secondStatements) {
      expect(validateStatement(statement)).toEqual([]);
      expect((statement.context as { registration: string }).registration).toBe(second);
    }
  } finally {
    await lrs.close();
  }
});

test('a trainee backs up, deletes everything on the PC, restores the backup and finds the attempt again; a tampered backup is refused and changes nothing', async ({ page }) => {
  test.setTimeout(180_000);
  // With no LRS configured, every request the app makes stays on its own origin.
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  const attemptId = await completeTextOnlyAttempt(page, scenario, policy, NAIVE);

  const data = await new DataPage(page).open();
  const backup = await data.exportBackup();
  expect(backup.name).toMatch(/^call-trainer-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(backup.text);
  expect(file).toMatchObject({ format: 'call-trainer-backup', formatVersion: 1 });
  expect(file.tables.attempts.map((a: { id: string }) => a.id)).toEqual([attemptId]);
  await expect(page.getByRole('status').filter({ hasText: `Backup saved as ${backup.name}` })).toBeVisible();

  await data.deleteAllData();
  await expectNoAccessibilityViolations(page, 'your data after deleting everything');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const history = new HistoryPage(page);
  await expect(history.heading).toBeVisible();
  await expect(page.getByText('No attempts yet.')).toBeVisible();

  await data.open();
  const result = await data.importBackup(backup.name, backup.text);
  await expect(result).toHaveText('Backup imported');
  const summary = page.getByRole('table', { name: `What the import did with ${backup.name}` });
  await expect(summary.getByRole('row', { name: /^attempts/ })).toHaveText(/attempts\s*1\s*0\s*0\s*0\s*0/);
  await expectNoAccessibilityViolations(page, 'your data after an import');
  // The backup's record is not the fresh one this PC made after deleting: open it explicitly.
  await page.getByRole('button', { name: /^Open .*’s record$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'record is open' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const row = history.table.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Not yet competent');
  const score = await row.getByRole('cell').nth(2).textContent();
  await row.getByRole('link', { name: /^Open debrief/ }).click();
  await expect(new DebriefPage(page).heading(title)).toBeVisible();
  await expect(new DebriefPage(page).outcome).toContainText('Not yet competent');

  // A hand-edited score: refused with its reason, and history shows exactly what it did before.
  const tampered = JSON.parse(backup.text);
  tampered.tables.attempts[0].report.percent = 95;
  tampered.tables.attempts[0].report.band = { id: 'high', label: 'High compliance' };
  await data.open();
  const refused = await data.importBackup('tampered.json', JSON.stringify(tampered, null, 2));
  await expect(refused).toHaveText('Backup refused: nothing was changed');
  await expect(page.getByRole('list', { name: 'Why the backup was refused' })).toContainText(
    'tampered.json $.checksum: the file was changed after it was exported',
  );
  await expectNoAccessibilityViolations(page, 'your data with a refused backup');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(history.table.getByRole('row')).toHaveCount(2);
  await expect(history.table.getByRole('row', { name: new RegExp(title) }).getByRole('cell').nth(2)).toHaveText(score ?? '');
  await expect(history.table.getByRole('row', { name: new RegExp(title) })).toContainText('Not yet competent');
  expect([...origins].filter((origin) => origin !== 'null')).toEqual([new URL(page.url()).origin]);
});
