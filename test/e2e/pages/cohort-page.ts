import { expect, type Locator, type Page } from '@playwright/test';

/** The trainer's cohort view: trainees' backup files in, per-scenario and per-trainee figures out. */
export class CohortPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly files: Locator;
  readonly show: Locator;
  readonly result: Locator;
  readonly notLoaded: Locator;
  readonly trainees: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Cohort view' });
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cohort' });
    this.files = page.getByLabel('Trainees’ backup files');
    this.show = page.getByRole('button', { name: 'Show the cohort' });
    this.result = page.getByRole('heading', { level: 2, name: /^Cohort: / });
    this.notLoaded = page.getByRole('list', { name: 'Files not loaded' });
    this.trainees = page.getByRole('table', { name: /^Each trainee’s attempts/ });
  }

  async open(): Promise<this> {
    await this.navLink.click();
    await expect(this.heading).toBeFocused();
    return this;
  }

  /** Chooses the files and shows the cohort; returns the result heading (which takes focus). */
  async load(files: readonly { name: string; text: string }[]): Promise<Locator> {
    await this.files.setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text, 'utf8') })));
    await this.show.click();
    await expect(this.result).toBeFocused();
    return this.result;
  }

  traineeRow(name: string): Locator {
    return this.trainees.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  gradeSpread(title: string): Locator {
    return this.page.getByRole('table', { name: `Grades given against the expert’s: ${title}` });
  }

  ratingSpread(title: string): Locator {
    return this.page.getByRole('table', { name: `THRIVE+ ratings given against the expert’s, per element: ${title}` });
  }

  criticalMisses(title: string): Locator {
    return this.page.getByRole('table', { name: `Commonest critical misses: ${title}` });
  }
}
