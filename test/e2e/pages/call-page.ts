import { expect, type Locator, type Page } from '@playwright/test';
import type { ForcePolicy } from '../../../src/domain/force-policy-schema';
import { tabTo } from '../fixtures';

/** The live call: ringing, the caller's audio and captions, the trainee's question choices. */
export class CallPage {
  readonly answer: Locator;
  readonly status: Locator;
  readonly audioPosition: Locator;
  readonly lineLevel: Locator;
  readonly caption: Locator;
  readonly transcript: Locator;
  readonly callEndedHeading: Locator;
  readonly completeAssessment: Locator;

  constructor(readonly page: Page) {
    this.answer = page.getByRole('button', { name: 'Answer' });
    this.status = page.getByRole('status').filter({ hasText: /Caller speaking|Your turn|Audio problem|Connected|Call ended/ });
    this.audioPosition = page.getByRole('progressbar', { name: 'Caller audio position' });
    this.lineLevel = page.getByRole('meter', { name: 'Line level' });
    this.caption = page.getByRole("region", { name: "Caption", exact: true });
    this.transcript = page.getByRole('region', { name: 'Transcript' });
    this.callEndedHeading = page.getByRole('heading', { name: 'Call ended' });
    this.completeAssessment = page.getByRole('button', { name: 'Complete your assessment' });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  }

  option(text: string): Locator {
    return this.page.getByRole('button', { name: text, exact: true });
  }

  prompt(text: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: text, exact: true });
  }

  /** Seconds into the playing clip, as the player reports it. */
  async audioSeconds(): Promise<number> {
    return Number(await this.audioPosition.getAttribute('value'));
  }

  /** The button that moves on from a line whose audio could not play. */
  get continueButton(): Locator {
    return this.page.getByRole('button', { name: 'Continue' });
  }

  /**
   * With the caller's audio failing (so each line is read, not heard), moves on from each line
   * and asks each option in turn; with `untilEnded`, carries on until the call has ended.
   */
  async talkThrough(optionTexts: readonly string[], { untilEnded = true } = {}): Promise<void> {
    const queue = [...optionTexts];
    for (;;) {
      const next = queue[0];
      if (next === undefined && !untilEnded) return;
      const wanted = next === undefined ? this.continueButton.or(this.callEndedHeading) : this.continueButton.or(this.option(next));
      await expect(wanted.first()).toBeVisible({ timeout: 30_000 });
      if (await this.callEndedHeading.isVisible()) return;
      if (await this.continueButton.isVisible()) {
        await this.continueButton.click();
      } else if (next !== undefined) {
        await this.option(next).click();
        queue.shift();
      }
    }
  }

  /**
   * Waits for the question, then asks `text` by keyboard: Tab to it, Enter. Focus moves to the
   * question by itself, unless the trainee was working in the incident log (`fromLog`): then it
   * stays where they were and they Tab on to the question.
   */
  async askByKeyboard(prompt: string, text: string, options: { fromLog?: boolean } = {}): Promise<void> {
    if (options.fromLog) await expect(this.prompt(prompt)).toBeVisible({ timeout: 60_000 });
    else await expect(this.prompt(prompt)).toBeFocused({ timeout: 60_000 });
    await tabTo(this.page, this.option(text));
    await this.page.keyboard.press('Enter');
  }
}

/** The assessment form: THRIVE+ per element, grade, safeguarding actions. */
export class AssessmentPage {
  readonly heading: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page, readonly policy: ForcePolicy) {
    this.heading = page.getByRole('heading', { name: 'Your assessment' });
    this.submit = page.getByRole('button', { name: 'Submit assessment' });
    this.errorSummary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  ratingGroup(elementName: string): Locator {
    return this.page.getByRole('radiogroup', { name: `${elementName} rating` });
  }

  rationale(elementName: string): Locator {
    return this.page.getByRole('textbox', { name: `Rationale for ${elementName}` });
  }

  grade(name: string): Locator {
    return this.page.getByRole('radiogroup', { name: 'Grade' }).getByRole('radio', { name: new RegExp(`^G\\d ${name}$`) });
  }

  action(label: string): Locator {
    return this.page.getByRole('checkbox', { name: label, exact: true });
  }

  /** Rates an element with the keyboard: Tab into the radio group, arrow to the rating. */
  async rateByKeyboard(elementName: string, ratingLabel: string, rationale: string): Promise<void> {
    const radios = this.ratingGroup(elementName).getByRole('radio');
    await tabTo(this.page, radios.first());
    const labels = this.policy.framework.ratingScale.map((r) => r.label);
    const steps = labels.indexOf(ratingLabel);
    if (steps < 0) throw new Error(`no rating "${ratingLabel}"`);
    if (steps === 0) await this.page.keyboard.press('Space');
    for (let i = 0; i < steps; i += 1) await this.page.keyboard.press('ArrowRight');
    await expect(this.ratingGroup(elementName).getByRole('radio', { name: ratingLabel })).toBeChecked();
    await tabTo(this.page, this.rationale(elementName));
    await this.page.keyboard.type(rationale);
  }

  /** Fills the form quickly (every element Medium with a short rationale, the given grade) and submits. */
  async completeWith(gradeName: string, rationale = 'Assessed on what the caller said.'): Promise<void> {
    for (const element of this.policy.framework.elements) {
      await this.ratingGroup(element.name).getByRole('radio', { name: 'Medium' }).check();
      await this.rationale(element.name).fill(rationale);
    }
    await this.grade(gradeName).check();
    await this.submit.click();
  }

  async gradeByKeyboard(gradeName: string): Promise<void> {
    const radios = this.page.getByRole('radiogroup', { name: 'Grade' }).getByRole('radio');
    await tabTo(this.page, radios.first());
    const steps = this.policy.grades.findIndex((g) => g.name === gradeName);
    if (steps === 0) await this.page.keyboard.press('Space');
    for (let i = 0; i < steps; i += 1) await this.page.keyboard.press('ArrowDown');
    await expect(this.grade(gradeName)).toBeChecked();
  }

  async tickByKeyboard(label: string): Promise<void> {
    await tabTo(this.page, this.action(label));
    await this.page.keyboard.press('Space');
    await expect(this.action(label)).toBeChecked();
  }
}

/** The live incident log beside the call: grade, THRIVE+, safeguarding actions, notes and the time-stamped narrative. */
export class IncidentLogPage {
  readonly region: Locator;
  readonly gradeGroup: Locator;
  readonly noteLine: Locator;
  readonly narrative: Locator;

  constructor(readonly page: Page, readonly policy: ForcePolicy) {
    this.region = page.getByRole('region', { name: 'Incident log' });
    this.gradeGroup = this.region.getByRole('radiogroup', { name: 'Grade' });
    this.noteLine = this.region.getByRole('textbox', { name: 'Log entry' });
    this.narrative = this.region.getByRole('list', { name: 'Log' });
  }

  grade(name: string): Locator {
    return this.gradeGroup.getByRole('radio', { name: new RegExp(`^G\\d ${name}$`) });
  }

  ratingGroup(elementName: string): Locator {
    return this.region.getByRole('radiogroup', { name: `${elementName} rating` });
  }

  rationale(elementName: string): Locator {
    return this.region.getByRole('textbox', { name: `Rationale for ${elementName}` });
  }

  action(label: string): Locator {
    return this.region.getByRole('checkbox', { name: label, exact: true });
  }

  /** Sets the grade by keyboard: Tab into the group, arrow to the grade (Space on the first). */
  async gradeByKeyboard(gradeName: string): Promise<void> {
    const radios = this.gradeGroup.getByRole('radio');
    const checked = await radios.evaluateAll((inputs) => inputs.findIndex((input) => (input as HTMLInputElement).checked));
    await tabTo(this.page, checked >= 0 ? radios.nth(checked) : radios.first());
    const target = this.policy.grades.findIndex((g) => g.name === gradeName);
    if (target < 0) throw new Error(`no grade "${gradeName}"`);
    const from = Math.max(0, checked);
    if (target === from) await this.page.keyboard.press('Space');
    for (let i = from; i < target; i += 1) await this.page.keyboard.press('ArrowDown');
    for (let i = from; i > target; i -= 1) await this.page.keyboard.press('ArrowUp');
    await expect(this.grade(gradeName)).toBeChecked();
  }

  /** Types a line into the log and commits it with Enter. */
  async noteByKeyboard(text: string): Promise<void> {
    await tabTo(this.page, this.noteLine);
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await expect(this.narrative).toContainText(text);
  }
}

/** Force systems checks: subjects by databases, results with their warning markers. */
export class SystemsChecksPage {
  readonly region: Locator;
  readonly announcement: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Systems checks' });
    this.announcement = this.region.getByRole('status');
    this.results = this.region.getByRole('list', { name: 'Results' });
  }

  check(subjectLabel: string | RegExp, database: string): Locator {
    return this.region.getByRole('group', { name: subjectLabel }).getByRole('button', { name: database, exact: true });
  }
}
