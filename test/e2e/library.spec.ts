import fs from 'node:fs';
import path from 'node:path';
import { bundledScenario, expect, expectNoAccessibilityViolations, test } from './fixtures';
import { LibraryPage } from './pages/library-page';

const scenariosDir = path.join(import.meta.dirname, '../../scenarios');
const library = fs
  .readdirSync(scenariosDir)
  .filter((name) => fs.existsSync(path.join(scenariosDir, name, 'scenario.json')))
  .map((id) => bundledScenario(id).scenario);

test('a trainee filters the library by channel and hides calls with content warnings', async ({ page }) => {
  const libraryPage = await new LibraryPage(page).open();
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(library.length);
  await expect(page.getByRole('status')).toHaveText(`Showing ${library.length} of ${library.length} calls.`);

  await page.getByRole('combobox', { name: 'Channel' }).selectOption('999');
  const emergencyCalls = library.filter((s) => s.metadata.channel === '999');
  await expect(cards).toHaveCount(emergencyCalls.length);
  for (const scenario of emergencyCalls) await expect(libraryPage.briefingLink(scenario.metadata.title)).toBeVisible();

  await page.getByRole('checkbox', { name: 'Hide calls with content warnings' }).check();
  const gentle = emergencyCalls.filter((s) => s.metadata.contentWarnings.length === 0);
  await expect(page.getByRole('status')).toHaveText(`Showing ${gentle.length} of ${library.length} calls.`);
  for (const scenario of library.filter((s) => s.metadata.contentWarnings.length > 0)) {
    await expect(libraryPage.briefingLink(scenario.metadata.title)).toHaveCount(0);
  }
  await expectNoAccessibilityViolations(page, 'filtered library');
});
