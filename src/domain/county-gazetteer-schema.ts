import { z } from 'zod';
import { parseVersionedFile, type VersionedFormat } from './format-version';
import { slugSchema } from './scenario-schema';

/**
 * The fictional county every bundled scenario is set in: towns, roads and landmarks, with
 * coordinates in metres east and north of the county's south-west corner, so a map can be drawn
 * from it. Fictional places only: no real address may appear in a training call.
 */
export const COUNTY_GAZETTEER_FORMAT_VERSION = 1;

const pointSchema = z.strictObject({ x: z.number().min(0).max(100_000), y: z.number().min(0).max(100_000) });

export const countyGazetteerSchema = z
  .strictObject({
    $schema: z.string().optional(),
    formatVersion: z.literal(COUNTY_GAZETTEER_FORMAT_VERSION),
    county: z.strictObject({ id: slugSchema, name: z.string().min(1), description: z.string().min(1), widthMetres: z.number().positive(), heightMetres: z.number().positive() }),
    towns: z
      .array(
        z.strictObject({
          id: slugSchema,
          name: z.string().min(1),
          kind: z.enum(['county-town', 'town', 'village', 'hamlet']),
          centre: pointSchema,
          radiusMetres: z.number().positive(),
          description: z.string().min(1),
        }),
      )
      .min(1),
    roads: z.array(
      z.strictObject({
        id: slugSchema,
        name: z.string().min(1),
        kind: z.enum(['dual-carriageway', 'a-road', 'b-road', 'street', 'lane', 'footpath', 'river']),
        town: slugSchema.optional(),
        points: z.array(pointSchema).min(2),
      }),
    ),
    landmarks: z.array(
      z.strictObject({
        id: slugSchema,
        name: z.string().min(1),
        kind: z.enum([
          'hospital', 'police-station', 'school', 'care-home', 'flats', 'house', 'shop', 'pub', 'park', 'bridge',
          'station', 'retail-park', 'church', 'farm', 'industrial', 'car-park', 'other',
        ]),
        town: slugSchema.optional(),
        road: slugSchema.optional(),
        at: pointSchema,
        description: z.string().min(1).optional(),
      }),
    ),
  })
  .superRefine((gazetteer, ctx) => {
    const ids = new Set<string>();
    const towns = new Set(gazetteer.towns.map((t) => t.id));
    const roads = new Set(gazetteer.roads.map((r) => r.id));
    (['towns', 'roads', 'landmarks'] as const).forEach((list) =>
      gazetteer[list].forEach((place, index) => {
        if (ids.has(place.id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `duplicate place id "${place.id}"` });
        ids.add(place.id);
      }),
    );
    const inside = (point: { x: number; y: number }) => point.x <= gazetteer.county.widthMetres && point.y <= gazetteer.county.heightMetres;
    gazetteer.towns.forEach((town, index) => {
      if (!inside(town.centre)) ctx.addIssue({ code: 'custom', path: ['towns', index, 'centre'], message: 'outside the county' });
    });
    gazetteer.roads.forEach((road, index) => {
      if (road.town && !towns.has(road.town)) ctx.addIssue({ code: 'custom', path: ['roads', index, 'town'], message: `no town "${road.town}"` });
      road.points.forEach((point, p) => {
        if (!inside(point)) ctx.addIssue({ code: 'custom', path: ['roads', index, 'points', p], message: 'outside the county' });
      });
    });
    gazetteer.landmarks.forEach((landmark, index) => {
      if (landmark.town && !towns.has(landmark.town)) ctx.addIssue({ code: 'custom', path: ['landmarks', index, 'town'], message: `no town "${landmark.town}"` });
      if (landmark.road && !roads.has(landmark.road)) ctx.addIssue({ code: 'custom', path: ['landmarks', index, 'road'], message: `no road "${landmark.road}"` });
      if (!inside(landmark.at)) ctx.addIssue({ code: 'custom', path: ['landmarks', index, 'at'], message: 'outside the county' });
    });
  });

export type CountyGazetteer = z.infer<typeof countyGazetteerSchema>;

export const countyGazetteerFormat: VersionedFormat = { name: 'county gazetteer', currentVersion: COUNTY_GAZETTEER_FORMAT_VERSION, steps: [] };

/** Parses the county data file; throws FormatError naming the file, field and reason. */
export function parseCountyGazetteer(input: unknown, file: string): CountyGazetteer {
  return parseVersionedFile(countyGazetteerFormat, countyGazetteerSchema, input, file);
}

/** Every place name in the gazetteer, for checking that scenarios name only fictional places. */
export function placeNames(gazetteer: CountyGazetteer): string[] {
  return [gazetteer.county.name, ...gazetteer.towns.map((t) => t.name), ...gazetteer.roads.map((r) => r.name), ...gazetteer.landmarks.map((l) => l.name)];
}
