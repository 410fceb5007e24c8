import type { Locator, Page } from '@playwright/test';

export class DebriefPage {
  readonly outcome: Locator;
  readonly thriveTable: Locator;
  readonly safeguardingTable: Locator;
  readonly criticalMisses: Locator;
  readonly summary: Locator;
  readonly deviations: Locator;
  readonly replay: Locator;
  readonly replayStatus: Locator;
  readonly replayPosition: Locator;
  readonly timelineLanes: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByRole('region', { name: 'In short' });
    this.deviations = page.getByRole('region', { name: 'Deviations from the expert, by severity' });
    this.replay = page.getByRole('region', { name: 'Call replay' });
    this.replayStatus = this.replay.getByRole('status');
    this.replayPosition = this.replay.getByRole('progressbar', { name: 'Replay position' });
    this.timelineLanes = page.getByRole('region', { name: 'Timeline of the call' }).getByRole('group', { name: 'Timeline lanes' });
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.thriveTable = page.getByRole('region', { name: /element by element/ }).getByRole('table');
    this.safeguardingTable = page.getByRole('region', { name: 'Safeguarding actions' }).getByRole('table');
    this.criticalMisses = page.getByRole('heading', { name: /Critical miss/ });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Debrief: ${title}` });
  }

  /** A deviation listed under its severity, found by its words. */
  deviation(description: string | RegExp): Locator {
    return this.deviations.getByRole('listitem').filter({ hasText: description });
  }

  /** The "Hear the moment" button of a deviation (or any item holding one). */
  hearTheMoment(item: Locator): Locator {
    return item.getByRole('button', { name: /^Hear the moment/ });
  }

  /** A lane of the timeline: "Caller", "You" or "Expert: should by". */
  timelineLane(name: string): Locator {
    return this.timelineLanes.getByRole('group', { name, exact: true });
  }

  /** Where the replay started, in seconds into the clip, read from the player's status text ("… from 0:01.7 …"). */
  async replayStartSeconds(): Promise<number> {
    const text = (await this.replayStatus.textContent()) ?? '';
    const match = /from (\d+):(\d+(?:\.\d)?)/.exec(text);
    if (!match) throw new Error(`the replay status gives no start: "${text}"`);
    return Number(match[1]) * 60 + Number(match[2]);
  }

  /** The replay's position now, in seconds into the clip, from its progress bar. */
  async replaySeconds(): Promise<number> {
    return Number(await this.replayPosition.getAttribute('value'));
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
