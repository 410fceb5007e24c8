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

  /** Waits for the question, then asks `text` by keyboard: Tab to it, Enter. */
  async askByKeyboard(prompt: string, text: string): Promise<void> {
    await expect(this.prompt(prompt)).toBeFocused({ timeout: 60_000 });
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
