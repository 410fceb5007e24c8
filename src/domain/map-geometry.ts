import { z } from 'zod';

/**
 * A point in the county, in metres east (x) and north (y) of its south-west corner: the grid
 * every place in the gazetteer, every location feed and every pinned location uses.
 */
export const mapPointSchema = z.strictObject({ x: z.number().min(0).max(100_000), y: z.number().min(0).max(100_000) });
export type MapPoint = z.infer<typeof mapPointSchema>;

/**
 * The size of Wexmoor, the fictional county every bundled scenario is set in, in metres from its
 * south-west corner. Kept here as constants so the domain never reads the gazetteer from disk;
 * a unit test holds `scenarios/places/wexmoor.json` to the same numbers.
 */
export const COUNTY_BOUNDS = { widthMetres: 32_000, heightMetres: 24_000 } as const;

/** Straight-line distance between two points, in metres. */
export function distanceMetres(a: MapPoint, b: MapPoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Whether a point lies inside the county (edges included). */
export function isInsideCounty(point: MapPoint): boolean {
  return point.x >= 0 && point.y >= 0 && point.x <= COUNTY_BOUNDS.widthMetres && point.y <= COUNTY_BOUNDS.heightMetres;
}
