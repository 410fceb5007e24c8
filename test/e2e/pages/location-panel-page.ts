import { expect, type Locator, type Page } from '@playwright/test';
import type { MapPoint } from '../../../src/domain/map-geometry';
import { tabTo } from '../fixtures';

/** The "Caller location" panel: place search, three-word code, and the map with its readouts. */
export class LocationPanelPage {
  readonly region: Locator;
  readonly search: Locator;
  readonly map: Locator;
  readonly pinStatus: Locator;
  readonly pointerReadout: Locator;
  readonly scaleReadout: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Caller location' });
    this.search = this.region.getByRole('searchbox', { name: 'Search places' });
    this.map = this.region.getByRole('img', { name: /^Map of Wexmoor/ });
    this.pinStatus = this.region.getByRole('status');
    this.pointerReadout = this.region.getByText(/^Pointer:/);
    this.scaleReadout = this.region.getByText(/^Scale: 1 px/);
  }

  /** Types a place name and pins the first match, by keyboard only. */
  async pinBySearchWithKeyboard(query: string, resultLabel: RegExp): Promise<void> {
    await tabTo(this.page, this.search);
    await this.page.keyboard.type(query);
    const result = this.region.getByRole('button', { name: resultLabel }).first();
    await tabTo(this.page, result);
    await this.page.keyboard.press('Enter');
    await expect(this.pinStatus).toContainText('Pinned:');
  }

  async metresPerPixel(): Promise<number> {
    await expect(this.scaleReadout).toBeVisible();
    const text = (await this.scaleReadout.textContent()) ?? '';
    return Number(/≈\s*([\d,.]+)\s*m/.exec(text)?.[1]?.replace(/,/g, ''));
  }

  /** Where the map says the mouse is, read from the visible pointer readout. */
  async pointerAt(x: number, y: number): Promise<MapPoint> {
    await this.page.mouse.move(x, y);
    await expect(this.pointerReadout).toContainText(' m E,');
    const text = (await this.pointerReadout.textContent()) ?? '';
    const match = /([\d,]+) m E, ([\d,]+) m N/.exec(text);
    if (!match?.[1] || !match[2]) throw new Error(`cannot read pointer: ${text}`);
    return { x: Number(match[1].replace(/,/g, '')), y: Number(match[2].replace(/,/g, '')) };
  }

  /**
   * Clicks the map where `target` is, as a user would: read where the pointer is and the scale,
   * then move there (north is up, so screen y runs against map y).
   */
  async clickMapAt(target: MapPoint): Promise<void> {
    const box = await this.map.boundingBox();
    if (!box) throw new Error('map not visible');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const here = await this.pointerAt(centre.x, centre.y);
    const scale = await this.metresPerPixel();
    const x = centre.x + (target.x - here.x) / scale;
    const y = centre.y - (target.y - here.y) / scale;
    if (x < box.x || x > box.x + box.width || y < box.y || y > box.y + box.height) throw new Error('target is off the visible map');
    const check = await this.pointerAt(x, y);
    await this.page.mouse.click(x, y);
    void check;
  }

  /** How many pixels of the map's screenshot differ from its background colour. */
  async paintedPixels(): Promise<number> {
    const png = (await this.map.screenshot()).toString('base64');
    return this.page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const [r0, g0, b0] = [pixels[0], pixels[1], pixels[2]];
      let painted = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (Math.abs(pixels[i]! - r0!) + Math.abs(pixels[i + 1]! - g0!) + Math.abs(pixels[i + 2]! - b0!) > 30) painted += 1;
      }
      return painted;
    }, png);
  }
}
