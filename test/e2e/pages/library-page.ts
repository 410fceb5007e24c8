import type { Locator, Page } from '@playwright/test';

export class LibraryPage {
  readonly heading: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Scenario library' });
  }
  async open(): Promise<this> {
    await this.page.goto('/');
    await this.heading.waitFor();
    return this;
  }
  briefingLink(title: string): Locator {
    return this.page.getByRole('link', { name: `Open briefing: ${title}` });
  }
}

export class BriefingPage {
  readonly startCall: Locator;
  readonly modeGroup: Locator;
  constructor(readonly page: Page, title: string) {
    this.startCall = page.getByRole('link', { name: 'Start call' });
    this.modeGroup = page.getByRole('group', { name: 'Mode' });
    void title;
  }
  mode(name: 'Practice' | 'Assessment'): Locator {
    return this.modeGroup.getByRole('radio', { name });
  }
  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Briefing: ${title}` });
  }
}
