import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The trainer studio's front page: starting drafts, drafts, packs. */
export class StudioPage {
  readonly heading: Locator;
  readonly newFromTemplate: Locator;
  readonly exportPackButton: Locator;
  readonly packAuthor: Locator;
  readonly importPackInput: Locator;
  readonly importReport: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Trainer studio' });
    this.newFromTemplate = page.getByRole('button', { name: 'New from template: Two-branch call' });
    this.exportPackButton = page.getByRole('button', { name: 'Export a pack' });
    this.packAuthor = page.getByLabel('Pack author');
    this.importPackInput = page.getByLabel('Pack file to import (.zip)');
    this.importReport = page.getByRole('status', { name: 'Pack import report' });
  }

  async open(): Promise<this> {
    await this.page.goto('/#/studio');
    await expect(this.heading).toBeFocused();
    return this;
  }

  /** Exports the named published scenarios as a pack and returns the zip's bytes. */
  async exportPack(titles: readonly string[], author: string): Promise<{ name: string; bytes: Buffer }> {
    for (const title of titles) await this.page.getByRole('checkbox', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(version`) }).check();
    await this.packAuthor.fill(author);
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportPackButton.click()]);
    return { name: download.suggestedFilename(), bytes: await readDownload(download) };
  }

  async importPack(name: string, bytes: Uint8Array): Promise<void> {
    await this.importPackInput.setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
    await expect(this.importReport).toContainText(`${name}:`);
  }
}

/** One draft in the editor. */
export class DraftEditorPage {
  readonly saveStatus: Locator;
  readonly problemsHeading: Locator;
  readonly toRecord: Locator;
  readonly publish: Locator;
  readonly publishStatus: Locator;

  constructor(readonly page: Page) {
    this.saveStatus = page.getByRole('status').filter({ hasText: /^(Saved\.|Saving…|All changes saved\.|Not saved)/ });
    this.problemsHeading = page.getByRole('heading', { level: 2, name: /problem\(s\) to fix before publishing|No problems: ready to publish/ });
    this.toRecord = page.getByRole('region', { name: 'Clips still to record' });
    this.publish = page.getByRole('button', { name: 'Publish to the library' });
    this.publishStatus = page.getByRole('status').filter({ hasText: /Publish|published/ });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Studio: ${title}` });
  }

  /** The link in the error summary for a problem at a JSON path. */
  problemLink(part: 'Scenario' | 'Answer key', path: string): Locator {
    return this.page.getByRole('link', { name: new RegExp(`^${part} ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`) });
  }

  /** A select of the draft editor, by its label. */
  select(label: string): Locator {
    return this.page.getByRole('combobox', { name: label, exact: true });
  }

  /** A text field of the draft editor, by its label. */
  textbox(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /** Chooses the moment of the call (a transcript line, "<clip> line <n>: ...") whose label starts with `start`. */
  async chooseMoment(selectLabel: string, start: string): Promise<void> {
    const select = this.select(selectLabel);
    const option = select.getByRole('option').filter({ hasText: new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    const label = ((await option.textContent()) ?? '').trim();
    await select.selectOption({ label });
  }

  clipStatus(clipId: string): Locator {
    return this.page.getByRole('status').filter({ hasText: new RegExp(`^(Clip ${clipId} has audio|Recording clip ${clipId}|Clip ${clipId}:|Not imported)`) });
  }

  async importAudio(clipId: string, file: { name: string; buffer: Buffer; mimeType: string }, telephoneFilter: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Telephone filter for clip ${clipId}` }).setChecked(telephoneFilter);
    await this.page.getByLabel(`Import audio for clip ${clipId}`).setInputFiles(file);
    await expect(this.clipStatus(clipId)).toContainText(`Clip ${clipId} has audio`, { timeout: 30_000 });
  }

  /** Records from the (fake) microphone for about two seconds, watching the counter. */
  async recordAudio(clipId: string): Promise<void> {
    await this.page.getByRole('button', { name: `Record clip ${clipId}` }).click();
    await expect(this.clipStatus(clipId)).toContainText(/: 2 s so far/, { timeout: 10_000 });
    await this.page.getByRole('button', { name: `Stop recording clip ${clipId}` }).click();
    await expect(this.clipStatus(clipId)).toContainText(`Clip ${clipId} has audio`, { timeout: 30_000 });
  }
}

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
