import { expect, type Locator, type Page } from '@playwright/test';
import type { ForcePolicy } from '../../../src/domain/force-policy-schema';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { AssessmentPage, CallPage } from './call-page';
import { DebriefPage } from './debrief-page';

/** The header: whose record is open, and the main navigation. */
export class AppHeader {
  readonly nav: Locator;
  readonly record: Locator;
  readonly switchTrainee: Locator;
  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.record = page.getByRole('banner').getByText(/^Record:/);
    this.switchTrainee = page.getByRole('banner').getByRole('link', { name: 'Switch trainee' });
  }
  async go(name: 'Library' | 'History' | 'Progress' | 'CPD log'): Promise<void> {
    await this.nav.getByRole('link', { name, exact: true }).click();
  }
}

/** The trainees who share this computer. */
export class TraineesPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly nameField: Locator;
  readonly add: Locator;
  readonly status: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Trainees on this computer' });
    this.table = page.getByRole('table', { name: 'Trainees' });
    this.nameField = page.getByLabel('Trainee’s name');
    this.add = page.getByRole('button', { name: 'Add trainee' });
    this.status = page.getByRole('status').filter({ hasText: /Switched|Added/ });
  }
  async addTrainee(name: string): Promise<void> {
    await this.nameField.fill(name);
    await this.add.click();
    await expect(this.status).toHaveText(`Added ${name}. Open their record when they are ready to train.`);
  }
  async open(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Open ${name}’s record` }).click();
    await expect(this.status).toContainText(`Switched to ${name}’s record.`);
  }
}

/**
 * Plays a call through with its audio blocked (each clip's text is shown instead), choosing the
 * first listed option at each question, then submits the given assessment.
 */
export async function completeCallWithoutAudio(
  page: Page,
  scenario: Scenario,
  policy: ForcePolicy,
  answer: { rating: string; grade: string; confidence?: string },
): Promise<DebriefPage> {
  await page.goto(`/#/scenarios/${scenario.id}/call`);
  const call = new CallPage(page);
  await call.answer.click();
  const options = scenario.callGraph.nodes.flatMap((node) => (node.kind === 'questionChoice' ? [node.options[0]!.text] : []));
  const cont = page.getByRole('button', { name: 'Continue' });
  while (!(await call.callEndedHeading.isVisible())) {
    const anyOption = options.map((text) => call.option(text));
    await expect(anyOption.reduce((either, next) => either.or(next), cont.or(call.callEndedHeading)).first()).toBeVisible();
    if (await cont.isVisible()) {
      await cont.click();
      continue;
    }
    for (const option of anyOption) {
      if (await option.isVisible()) {
        await option.click();
        break;
      }
    }
  }
  await call.completeAssessment.click();
  const assessment = new AssessmentPage(page, policy);
  for (const element of policy.framework.elements) {
    await assessment.ratingGroup(element.name).getByRole('radio', { name: answer.rating }).check();
    await assessment.rationale(element.name).fill('From what the caller said.');
  }
  await assessment.grade(answer.grade).check();
  if (answer.confidence) await page.getByRole('group', { name: 'How sure are you of this grade?' }).getByRole('radio', { name: answer.confidence }).check();
  await assessment.submit.click();
  const debrief = new DebriefPage(page);
  await expect(debrief.heading(scenario.metadata.title)).toBeVisible();
  return debrief;
}

/** The progress dashboard. */
export class ProgressPage {
  readonly heading: Locator;
  readonly confusionMatrix: Locator;
  readonly competencyMap: Locator;
  readonly suggestion: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your progress' });
    this.confusionMatrix = page.getByRole('table', { name: /Grade confusion matrix/ });
    this.competencyMap = page.getByRole('table', { name: 'Competencies and the attempts that evidence them' });
    this.suggestion = page.getByRole('complementary', { name: 'Practise next' });
  }
  competencyRow(name: string): Locator {
    return this.competencyMap.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
  confusionRow(expected: string): Locator {
    return this.confusionMatrix.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: `Expected: ${expected}` }) });
  }
}

/** The reflection form for one attempt. */
export class ReflectionPage {
  readonly save: Locator;
  readonly status: Locator;
  constructor(readonly page: Page) {
    this.save = page.getByRole('button', { name: 'Save reflection' });
    this.status = page.getByRole('status').filter({ hasText: 'Reflection saved' });
  }
  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Reflection: ${title}` });
  }
  async write(parts: { whatHappened: string; whatILearned: string; whatIWillDoDifferently: string }): Promise<void> {
    await this.page.getByLabel('What happened').fill(parts.whatHappened);
    await this.page.getByLabel('What I learned').fill(parts.whatILearned);
    await this.page.getByLabel('What I will do differently').fill(parts.whatIWillDoDifferently);
    await this.save.click();
    await expect(this.status).toHaveText('Reflection saved to your CPD log.');
  }
}

/** The CPD log. */
export class CpdPage {
  readonly entries: Locator;
  readonly totals: Locator;
  readonly exportCsv: Locator;
  readonly print: Locator;
  readonly addActivity: Locator;
  constructor(readonly page: Page) {
    this.entries = page.getByRole('table', { name: /CPD entries/ });
    this.totals = page.getByRole('table', { name: /CPD time by/ });
    this.exportCsv = page.getByRole('button', { name: 'Export CSV' });
    this.print = page.getByRole('button', { name: 'Print CPD record' });
    this.addActivity = page.getByRole('button', { name: 'Add activity' });
  }
  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `CPD log: ${name}` });
  }
}
