import type { MapPoint } from '../domain/map-geometry';

/**
 * The arithmetic of the map's view, without Phaser: where the map is centred and how many metres
 * one canvas pixel covers, and the one place where county metres (y north) become screen pixels
 * (y down) and back. The scene sets its camera from a MapView and maps the pointer through it, so
 * the pointer readout and the picture cannot disagree.
 */
export interface MapView {
  /** The county point at the middle of the canvas. */
  readonly centre: MapPoint;
  /** Metres covered by one canvas pixel: always a rung of {@link SCALE_LADDER} after a fit or a zoom step. */
  readonly metresPerPixel: number;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export interface CountySize {
  readonly widthMetres: number;
  readonly heightMetres: number;
}

/**
 * The scales the map snaps to, in metres per pixel: every second rung doubles, so one zoom step
 * halves or doubles the scale, and readouts stay whole numbers a test can calculate with.
 */
export const SCALE_LADDER: readonly number[] = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128];

/** The feed area fills the view out to this many times its radius. */
export const AREA_FIT_RADII = 3;

const smallestRungAtLeast = (metresPerPixel: number): number =>
  SCALE_LADDER.find((rung) => rung >= metresPerPixel - 1e-9) ?? SCALE_LADDER[SCALE_LADDER.length - 1]!;

/** Keeps the centre inside the county, so the map never scrolls off into nothing. */
export function clampCentre(point: MapPoint, county: CountySize): MapPoint {
  return { x: Math.min(Math.max(point.x, 0), county.widthMetres), y: Math.min(Math.max(point.y, 0), county.heightMetres) };
}

/** The whole county with a small margin, at the closest rung that fits. */
export function fitCounty(county: CountySize, viewport: Viewport): MapView {
  const margin = 1.05;
  const needed = Math.max((county.widthMetres * margin) / viewport.width, (county.heightMetres * margin) / viewport.height);
  return { centre: { x: county.widthMetres / 2, y: county.heightMetres / 2 }, metresPerPixel: smallestRungAtLeast(needed) };
}

/** A fitted feed area is never shown closer than this, so a 25 m landline area still shows its streets. */
export const AREA_FIT_CLOSEST_METRES_PER_PIXEL = 2;

/**
 * A circle (a feed area) out to {@link AREA_FIT_RADII} times its radius, at the closest rung that
 * fits, but no closer than {@link AREA_FIT_CLOSEST_METRES_PER_PIXEL}.
 */
export function fitArea(area: { centre: MapPoint; radiusMetres: number }, county: CountySize, viewport: Viewport): MapView {
  const span = 2 * AREA_FIT_RADII * area.radiusMetres;
  const needed = Math.max(span / viewport.width, span / viewport.height, AREA_FIT_CLOSEST_METRES_PER_PIXEL);
  return { centre: clampCentre(area.centre, county), metresPerPixel: smallestRungAtLeast(needed) };
}

/** One zoom step (twice or half the scale), staying on the ladder and never zooming out past the county fit. */
export function zoomStep(view: MapView, direction: 'in' | 'out', county: CountySize, viewport: Viewport): MapView {
  const index = SCALE_LADDER.indexOf(smallestRungAtLeast(view.metresPerPixel));
  const outermost = SCALE_LADDER.indexOf(fitCounty(county, viewport).metresPerPixel);
  const next = direction === 'in' ? Math.max(index - 2, 0) : Math.min(index + 2, Math.max(outermost, index));
  return { centre: view.centre, metresPerPixel: SCALE_LADDER[next]! };
}

/** Moves the view by a drag of (dx, dy) screen pixels: the map follows the pointer. */
export function panByPixels(view: MapView, dx: number, dy: number, county: CountySize): MapView {
  return {
    centre: clampCentre({ x: view.centre.x - dx * view.metresPerPixel, y: view.centre.y + dy * view.metresPerPixel }, county),
    metresPerPixel: view.metresPerPixel,
  };
}

/** Canvas pixel (x right, y down, origin top-left) to county metres (x east, y north). */
export function screenToMap(view: MapView, viewport: Viewport, screen: { x: number; y: number }): MapPoint {
  return {
    x: view.centre.x + (screen.x - viewport.width / 2) * view.metresPerPixel,
    y: view.centre.y - (screen.y - viewport.height / 2) * view.metresPerPixel,
  };
}

/** County metres to canvas pixels: the inverse of {@link screenToMap}. */
export function mapToScreen(view: MapView, viewport: Viewport, point: MapPoint): { x: number; y: number } {
  return {
    x: viewport.width / 2 + (point.x - view.centre.x) / view.metresPerPixel,
    y: viewport.height / 2 - (point.y - view.centre.y) / view.metresPerPixel,
  };
}

/**
 * County metres to the scene's world coordinates: the same metres, with y flipped so north is up
 * on a screen whose y runs down. The world is 1 unit = 1 metre; the camera does the scaling.
 */
export function mapToWorld(point: MapPoint, county: CountySize): { x: number; y: number } {
  return { x: point.x, y: county.heightMetres - point.y };
}

/** Whether a point lies on the county (the pointer can be over the margin around it). */
export function isInCounty(point: MapPoint, county: CountySize): boolean {
  return point.x >= 0 && point.y >= 0 && point.x <= county.widthMetres && point.y <= county.heightMetres;
}

/**
 * The scale bar: the longest round length (1, 2 or 5 times a power of ten metres) whose bar is no
 * longer than `maxPixels`, with its label ("500 m", "2 km").
 */
export function scaleBar(metresPerPixel: number, maxPixels: number): { metres: number; pixels: number; label: string } {
  const maxMetres = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= maxMetres) ?? power;
  return { metres, pixels: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

/**
 * The point halfway along a polyline, measured along its length (where a road's search result
 * pins and its name is written), with the direction of the road there (east, north components).
 */
export function halfwayAlong(points: readonly MapPoint[]): { point: MapPoint; direction: { x: number; y: number } } {
  const first = points[0];
  if (!first) throw new Error('halfwayAlong needs at least one point');
  const lengths = points.slice(1).map((point, i) => Math.hypot(point.x - points[i]!.x, point.y - points[i]!.y));
  let remaining = lengths.reduce((sum, length) => sum + length, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i]!;
    const from = points[i]!;
    const to = points[i + 1]!;
    if (remaining <= length && length > 0) {
      const t = remaining / length;
      return { point: { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }, direction: { x: (to.x - from.x) / length, y: (to.y - from.y) / length } };
    }
    remaining -= length;
  }
  return { point: points[points.length - 1]!, direction: { x: 1, y: 0 } };
}

/** The point halfway along a polyline, measured along its length. */
export function midpointAlong(points: readonly MapPoint[]): MapPoint {
  return halfwayAlong(points).point;
}

/**
 * The screen rotation (radians, clockwise, never upside down) for text that runs along a
 * direction given in county terms (east, north).
 */
export function uprightAngle(direction: { x: number; y: number }): number {
  const angle = Math.atan2(-direction.y, direction.x);
  if (angle > Math.PI / 2) return angle - Math.PI;
  if (angle < -Math.PI / 2) return angle + Math.PI;
  return angle;
}
