import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The "Your data" screen: backup, restore, the LRS connection and delete-all. */
export class DataPage {
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly exportButton: Locator;
  readonly backupFile: Locator;
  readonly importButton: Locator;
  readonly endpoint: Locator;
  readonly key: Locator;
  readonly secret: Locator;
  readonly saveConnection: Locator;
  readonly sendNow: Locator;
  readonly xapiStatus: Locator;
  readonly deleteAll: Locator;
  readonly confirmDelete: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your data' });
    this.navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' });
    this.exportButton = page.getByRole('button', { name: 'Export backup' });
    this.backupFile = page.getByLabel('Backup file');
    this.importButton = page.getByRole('button', { name: 'Import backup' });
    this.endpoint = page.getByRole('textbox', { name: 'LRS endpoint' });
    this.key = page.getByRole('textbox', { name: 'Key', exact: true });
    this.secret = page.getByLabel('Secret', { exact: true });
    this.saveConnection = page.getByRole('button', { name: 'Save connection' });
    this.sendNow = page.getByRole('button', { name: 'Send now' });
    this.xapiStatus = page.getByRole('status', { name: 'xAPI status' });
    this.deleteAll = page.getByRole('button', { name: 'Delete all data on this PC…' });
    this.confirmDelete = page.getByRole('button', { name: 'Yes, delete all data' });
  }

  /** Opens the screen from the main navigation. */
  async open(): Promise<this> {
    await this.navLink.click();
    await expect(this.heading).toBeFocused();
    return this;
  }

  async connectLrs(endpoint: string, key: string, secret: string): Promise<void> {
    await this.endpoint.fill(endpoint);
    await this.key.fill(key);
    await this.secret.fill(secret);
    await this.saveConnection.click();
    await expect(this.page.getByText('Connection saved.')).toBeVisible();
  }

  /** Exports a backup and returns the downloaded file's name and text. */
  async exportBackup(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportButton.click()]);
    return { name: download.suggestedFilename(), text: await readDownload(download) };
  }

  /** Imports a file and returns the result heading (which takes focus). */
  async importBackup(name: string, text: string): Promise<Locator> {
    await this.backupFile.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
    await this.importButton.click();
    const result = this.page.getByRole('heading', { level: 3, name: /^Backup (imported|refused)/ });
    await expect(result).toBeFocused();
    return result;
  }

  /** Deletes everything (with the confirmation); the app restarts on this screen. */
  async deleteAllData(): Promise<void> {
    await this.deleteAll.click();
    await expect(this.page.getByRole('heading', { name: 'Delete everything on this PC?' })).toBeFocused();
    await this.confirmDelete.click();
    await expect(this.page.getByRole('status').filter({ hasText: 'All data on this PC has been deleted' })).toBeVisible();
  }
}

async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
