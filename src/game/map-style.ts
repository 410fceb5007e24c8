import type { CountyGazetteer } from '../domain/county-gazetteer-schema';
import type { LocationAreaKind } from '../domain/scenario-schema';

/**
 * How the map looks, from the theme in src/ui/styles.css (dark, muted; saturated colour only for
 * the feed area and the pin). Widths are canvas pixels; where a real width in metres is given,
 * the line grows with it once the map is zoomed in far enough.
 */
export const MAP_COLOURS = {
  background: '#1f2329',
  land: 0x2a2f37,
  countyEdge: 0x5a6472,
  town: 0x333944,
  townEdge: 0xc3cad3,
  landmark: 0xeef1f4,
  landmarkEdge: 0x1f2329,
  area: 0xffd24a,
  pin: 0x9cc8ff,
  pinCore: 0xffffff,
  hud: 0xeef1f4,
} as const;

export type RoadKind = CountyGazetteer['roads'][number]['kind'];

export const ROAD_STYLES: Record<RoadKind, { colour: number; pixels: number; metres: number; dashed?: boolean; order: number }> = {
  river: { colour: 0x5aa7ff, pixels: 3, metres: 20, order: 0 },
  footpath: { colour: 0x9aa3ae, pixels: 1, metres: 2, dashed: true, order: 1 },
  lane: { colour: 0x9aa3ae, pixels: 1.25, metres: 5, order: 2 },
  street: { colour: 0xc3cad3, pixels: 1.5, metres: 8, order: 3 },
  'b-road': { colour: 0xd8cf8a, pixels: 2.5, metres: 9, order: 4 },
  'a-road': { colour: 0xf0a860, pixels: 3.5, metres: 11, order: 5 },
  'dual-carriageway': { colour: 0xffc46b, pixels: 5, metres: 25, order: 6 },
};

/** A mobile cell only says roughly where the caller is: its circle gets a dashed edge; a handset fix or an address a solid one. */
export const APPROXIMATE_FEEDS: ReadonlySet<LocationAreaKind> = new Set(['mobile-cell']);

const labelBase = { fontFamily: 'system-ui, "Segoe UI", Roboto, Ubuntu, Arial, sans-serif', stroke: '#1f2329', strokeThickness: 3 };

export const LABEL_STYLES = {
  town: { ...labelBase, fontSize: '14px', fontStyle: 'bold', color: '#eef1f4' },
  road: { ...labelBase, fontSize: '11px', fontStyle: 'italic', color: '#c3cad3' },
  landmark: { ...labelBase, fontSize: '11px', color: '#eef1f4' },
  area: { ...labelBase, fontSize: '12px', fontStyle: 'bold', color: '#ffd24a' },
  pin: { ...labelBase, fontSize: '12px', fontStyle: 'bold', color: '#9cc8ff' },
  hud: { ...labelBase, fontSize: '12px', color: '#eef1f4' },
} as const;

/** Finer detail appears as the map zooms in (metres per pixel at or below these). */
export const DETAIL = { landmarkMarkers: 24, streetLabels: 6, landmarkLabels: 6, majorRoadLabels: 24 } as const;
