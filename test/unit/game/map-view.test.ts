import { describe, expect, it } from 'vitest';
import {
  SCALE_LADDER,
  fitArea,
  halfwayAlong,
  uprightAngle,
  fitCounty,
  isInCounty,
  mapToScreen,
  mapToWorld,
  midpointAlong,
  panByPixels,
  scaleBar,
  screenToMap,
  zoomStep,
} from '../../../src/game/map-view';

const county = { widthMetres: 32_000, heightMetres: 24_000 };
const viewport = { width: 640, height: 420 };

describe('map view', () => {
  it('fits the whole county, with a margin, at a rung of the scale ladder', () => {
    expect(fitCounty(county, viewport)).toEqual({ centre: { x: 16_000, y: 12_000 }, metresPerPixel: 64 });
  });

  it('fits a feed area out to three times its radius', () => {
    // 2 × 3 × 800 m = 4,800 m across 420 px needs 11.4 m/px: the next rung is 12.
    expect(fitArea({ centre: { x: 15_400, y: 12_100 }, radiusMetres: 800 }, county, viewport)).toEqual({ centre: { x: 15_400, y: 12_100 }, metresPerPixel: 12 });
    // A 25 m landline area would need 0.36 m/px; it stops at 2 m/px so its streets show.
    expect(fitArea({ centre: { x: 9_000, y: 5_000 }, radiusMetres: 25 }, county, viewport).metresPerPixel).toBe(2);
  });

  it('keeps the centre of a fitted area on the county', () => {
    expect(fitArea({ centre: { x: -50, y: 30_000 }, radiusMetres: 100 }, county, viewport).centre).toEqual({ x: 0, y: 24_000 });
  });

  it('zooms by doubling or halving the scale, no further in than the ladder and no further out than the county', () => {
    const view = { centre: { x: 16_000, y: 12_000 }, metresPerPixel: 12 };
    expect(zoomStep(view, 'in', county, viewport).metresPerPixel).toBe(6);
    expect(zoomStep(view, 'out', county, viewport).metresPerPixel).toBe(24);
    expect(zoomStep({ ...view, metresPerPixel: SCALE_LADDER[0]! }, 'in', county, viewport).metresPerPixel).toBe(SCALE_LADDER[0]);
    expect(zoomStep({ ...view, metresPerPixel: 64 }, 'out', county, viewport).metresPerPixel).toBe(64);
    expect(zoomStep({ ...view, metresPerPixel: 48 }, 'out', county, viewport).metresPerPixel).toBe(64);
    expect(zoomStep(view, 'in', county, viewport).centre).toEqual(view.centre);
  });

  it('maps canvas pixels to county metres and back, with north up', () => {
    const view = { centre: { x: 16_000, y: 12_000 }, metresPerPixel: 12 };
    expect(screenToMap(view, viewport, { x: 320, y: 210 })).toEqual({ x: 16_000, y: 12_000 });
    // 10 px right is 120 m east; 10 px down is 120 m south.
    expect(screenToMap(view, viewport, { x: 330, y: 220 })).toEqual({ x: 16_120, y: 11_880 });
    expect(mapToScreen(view, viewport, { x: 15_400, y: 12_100 })).toEqual({ x: 270, y: 210 - 100 / 12 });
    const there = { x: 15_402, y: 12_110 };
    const back = screenToMap(view, viewport, mapToScreen(view, viewport, there));
    expect(back.x).toBeCloseTo(there.x, 9);
    expect(back.y).toBeCloseTo(there.y, 9);
  });

  it('puts the world origin at the county’s north-west corner, in metres', () => {
    expect(mapToWorld({ x: 0, y: 24_000 }, county)).toEqual({ x: 0, y: 0 });
    expect(mapToWorld({ x: 15_400, y: 12_100 }, county)).toEqual({ x: 15_400, y: 11_900 });
  });

  it('pans so the map follows a drag, and not off the county', () => {
    const view = { centre: { x: 16_000, y: 12_000 }, metresPerPixel: 10 };
    // Dragging right and down shows what lies west and north.
    expect(panByPixels(view, 20, 10, county).centre).toEqual({ x: 15_800, y: 12_100 });
    expect(panByPixels(view, -10_000, 0, county).centre).toEqual({ x: 32_000, y: 12_000 });
  });

  it('knows the county edge', () => {
    expect(isInCounty({ x: 0, y: 24_000 }, county)).toBe(true);
    expect(isInCounty({ x: -1, y: 100 }, county)).toBe(false);
    expect(isInCounty({ x: 100, y: 24_001 }, county)).toBe(false);
  });

  it.each([
    [64, 140, 5_000, '5 km'],
    [12, 140, 1_000, '1 km'],
    [6, 140, 500, '500 m'],
    [0.5, 140, 50, '50 m'],
    [3, 140, 200, '200 m'],
  ])('draws a round scale bar at %d m/px', (metresPerPixel, maxPixels, metres, label) => {
    const bar = scaleBar(metresPerPixel, maxPixels);
    expect(bar).toEqual({ metres, pixels: metres / metresPerPixel, label });
    expect(bar.pixels).toBeLessThanOrEqual(maxPixels);
  });

  it('finds the point halfway along a road by length, not by point count', () => {
    expect(midpointAlong([{ x: 0, y: 0 }, { x: 100, y: 0 }])).toEqual({ x: 50, y: 0 });
    expect(midpointAlong([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 10, y: 30 }])).toEqual({ x: 10, y: 10 });
    expect(midpointAlong([{ x: 5, y: 5 }, { x: 5, y: 5 }])).toEqual({ x: 5, y: 5 });
  });

  it('gives the road’s direction halfway along, for writing its name along it', () => {
    expect(halfwayAlong([{ x: 0, y: 0 }, { x: 0, y: 100 }])).toEqual({ point: { x: 0, y: 50 }, direction: { x: 0, y: 1 } });
  });

  it.each([
    [{ x: 1, y: 0 }, 0],
    [{ x: -1, y: 0 }, 0],
    [{ x: 1, y: 1 }, -Math.PI / 4], // north-east: text rises to the right
    [{ x: -1, y: -1 }, -Math.PI / 4], // the same road drawn the other way round
    [{ x: 1, y: -1 }, Math.PI / 4],
  ])('keeps text along %o upright', (direction, angle) => {
    expect(uprightAngle(direction)).toBeCloseTo(angle, 9);
  });
});
