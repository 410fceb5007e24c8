import type { Locator, Page } from '@playwright/test';

export class DebriefPage {
  readonly outcome: Locator;
  readonly thriveTable: Locator;
  readonly safeguardingTable: Locator;
  readonly criticalMisses: Locator;

  constructor(readonly page: Page) {
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.thriveTable = page.getByRole('region', { name: /element by element/ }).getByRole('table');
    this.safeguardingTable = page.getByRole('region', { name: 'Safeguarding actions' }).getByRole('table');
    this.criticalMisses = page.getByRole('heading', { name: /Critical miss/ });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Debrief: ${title}` });
  }

  /** The THRIVE+ row whose header is e.g. "H: Harm". */
  elementRow(letter: string, elementName: string): Locator {
    return this.thriveTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: `${letter}: ${elementName}`, exact: true }) });
  }
}

export class HistoryPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly unfinished: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your history' });
    this.table = page.getByRole('table', { name: 'Completed attempts' });
    this.unfinished = page.getByRole('table', { name: 'Calls answered and not yet submitted' });
  }
  async open(): Promise<this> {
    await this.page.goto('/#/history');
    await this.heading.waitFor();
    return this;
  }
}
