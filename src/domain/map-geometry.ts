import { z } from 'zod';

/**
 * A point in the county, in metres east (x) and north (y) of its south-west corner: the grid
 * every place in the gazetteer, every location feed and every pinned location uses.
 */
export const mapPointSchema = z.strictObject({ x: z.number().min(0).max(100_000), y: z.number().min(0).max(100_000) });
export type MapPoint = z.infer<typeof mapPointSchema>;

/** Straight-line distance between two points, in metres. */
export function distanceMetres(a: MapPoint, b: MapPoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
