import { expect, type Locator, type Page } from '@playwright/test';
import type { SurgeCall } from '../../../src/domain/surge-drill-schema';
import { tabTo } from '../fixtures';

/** `#/drills`: the list of call-surge drills. */
export class DrillListPage {
  readonly heading: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Call-surge drills' });
  }
  openLink(title: string): Locator {
    return this.page.getByRole('link', { name: `Open drill: ${title}` });
  }
}

/** `#/drills/<id>`: briefing, wallboard, the call in hand. */
export class SurgePage {
  readonly startDrill: Locator;
  readonly wallboard: Locator;
  readonly wallboardHeading: Locator;
  readonly callPanel: Locator;
  readonly callHeading: Locator;
  readonly done: Locator;
  readonly allHandledHeading: Locator;
  readonly submit: Locator;
  readonly handledSoFar: Locator;

  constructor(readonly page: Page) {
    this.startDrill = page.getByRole('button', { name: 'Start the drill' });
    this.wallboard = page.getByRole('region', { name: /^Wallboard/ });
    this.wallboardHeading = page.getByRole('heading', { level: 2, name: /^Wallboard/ });
    this.callPanel = page.getByRole('region', { name: /^On the call/ });
    this.callHeading = page.getByRole('heading', { level: 2, name: /^On the call/ });
    this.done = page.getByRole('button', { name: 'Done, next call' });
    this.allHandledHeading = page.getByRole('heading', { level: 2, name: 'All calls handled' });
    this.submit = page.getByRole('button', { name: 'Submit the drill' });
    this.handledSoFar = page.getByRole('region', { name: 'Handled so far' });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Call surge: ${title}` });
  }

  /** A call's card on the wallboard, named by its channel and number. */
  card(call: SurgeCall): Locator {
    return this.wallboard.getByRole('article', { name: `${call.channel} ${call.callerNumber}` });
  }

  answerButton(call: SurgeCall): Locator {
    return this.page.getByRole('button', { name: `Answer ${call.channel} call from ${call.callerNumber}`, exact: true });
  }

  callBackButton(call: SurgeCall): Locator {
    return this.page.getByRole('button', { name: `Call back ${call.callerNumber}`, exact: true });
  }

  closeButton(call: SurgeCall): Locator {
    return this.page.getByRole('button', { name: `Close ${call.callerNumber} without calling back`, exact: true });
  }

  /** Takes a call (answers it, or calls back an abandoned one) by keyboard: Tab to it, Enter. */
  async takeByKeyboard(call: SurgeCall): Promise<void> {
    await tabTo(this.page, call.status === 'abandoned' ? this.callBackButton(call) : this.answerButton(call));
    await this.page.keyboard.press('Enter');
    await expect(this.callHeading).toBeFocused();
    await expect(this.callHeading).toContainText(call.title);
    await expect(this.callPanel).toContainText(call.onAnswer);
  }

  /** Ends the call in hand by keyboard; focus returns to the wallboard, or to submitting when none are left. */
  async finishByKeyboard(last: boolean): Promise<void> {
    await tabTo(this.page, this.done);
    await this.page.keyboard.press('Enter');
    await expect(last ? this.allHandledHeading : this.wallboardHeading).toBeFocused();
  }
}

/** The drill's debrief, on the same screen once the drill is submitted. */
export class SurgeDebriefPage {
  readonly outcome: Locator;
  readonly orderTable: Locator;
  readonly expertOrder: Locator;
  readonly yourOrder: Locator;
  readonly callBacks: Locator;
  readonly criticalMisses: Locator;
  readonly tryAgain: Locator;

  constructor(readonly page: Page) {
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.orderTable = page.getByRole('table', { name: 'The expert\u2019s order, with the reason for each place' });
    this.expertOrder = page.getByRole('list', { name: 'The expert\u2019s order' });
    this.yourOrder = page.getByRole('list', { name: 'Your order' });
    this.callBacks = page.getByRole('region', { name: 'Call-backs' });
    this.criticalMisses = page.getByRole('heading', { name: /Critical miss/ });
    this.tryAgain = page.getByRole('button', { name: 'Try the drill again' });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Drill debrief: ${title}` });
  }

  /** The table row for a call, found by its row header (channel, number and what it was). */
  row(call: SurgeCall): Locator {
    return this.orderTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: `${call.channel} call from ${call.callerNumber}: ${call.title}`, exact: true }) });
  }
}
