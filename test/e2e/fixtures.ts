import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parseAnswerKey, type AnswerKey } from '../../src/domain/answer-key-schema';
import { parseForcePolicy, type ForcePolicy } from '../../src/domain/force-policy-schema';
import { parseScenario, type Scenario } from '../../src/domain/scenario-schema';

const root = path.join(import.meta.dirname, '../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** A bundled scenario, its key and policy, read as the checker reads them. */
export function bundledScenario(id: string): { scenario: Scenario; answerKey: AnswerKey; policy: ForcePolicy } {
  const scenario = parseScenario(readJson(`scenarios/${id}/scenario.json`), `scenarios/${id}/scenario.json`);
  return {
    scenario,
    answerKey: parseAnswerKey(readJson(`scenarios/${id}/answer-key.json`), `scenarios/${id}/answer-key.json`),
    policy: parseForcePolicy(readJson(`scenarios/force-policies/${scenario.forcePolicy}.json`), scenario.forcePolicy),
  };
}

/** axe-core against WCAG 2.2 A and AA: no violations on the screen as the user sees it. */
export async function expectNoAccessibilityViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on the ${screen} screen`).toEqual([]);
}

/**
 * Presses Tab until `target` has focus, as a keyboard user would, and fails if it never does.
 * Proves the control is reachable without a mouse.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 250): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: target not found');
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await handle.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`tabTo: ${target} not reached after ${maxPresses} presses of Tab`);
}

/** Fresh storage for every test: each starts as a new trainee on a new PC. */
export const test = base.extend({});
export { expect };
