import type { CountyGazetteer } from '../domain/county-gazetteer-schema';
import type { MapPoint } from '../domain/map-geometry';
import { midpointAlong } from './map-view';

/** A place a trainee can find by name and pin: a town, a road or river, or a landmark. */
export interface GazetteerPlace {
  readonly id: string;
  readonly kind: 'town' | 'road' | 'landmark';
  /** The name with its street and town, as the trainee reads it: "Kestrel House, Mill Lane, Castlebridge". */
  readonly label: string;
  /** Where a pin goes: the landmark, halfway along the road, or the town centre. */
  readonly point: MapPoint;
}

/** Lower case, apostrophes dropped, anything else that is not a letter or digit a word break. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Every town, road, river and landmark in the gazetteer, labelled the way the search shows them. */
export function gazetteerPlaces(gazetteer: CountyGazetteer): GazetteerPlace[] {
  const townName = new Map(gazetteer.towns.map((town) => [town.id, town.name]));
  const roadName = new Map(gazetteer.roads.map((road) => [road.id, road.name]));
  const joined = (...parts: (string | undefined)[]) => parts.filter((part): part is string => Boolean(part)).join(', ');
  return [
    ...gazetteer.landmarks.map((landmark) => ({
      id: landmark.id,
      kind: 'landmark' as const,
      label: joined(landmark.name, landmark.road && roadName.get(landmark.road), landmark.town && townName.get(landmark.town)),
      point: landmark.at,
    })),
    ...gazetteer.roads.map((road) => ({
      id: road.id,
      kind: 'road' as const,
      label: joined(road.name, road.town && townName.get(road.town)),
      point: midpointAlong(road.points),
    })),
    ...gazetteer.towns.map((town) => ({ id: town.id, kind: 'town' as const, label: town.name, point: town.centre })),
  ];
}

/**
 * The places whose label has a word starting with each word of the query, in any order ("mill
 * cas" finds "Mill Lane, Castlebridge"). Places whose own name matches come first, then shorter
 * labels; an empty query finds nothing.
 */
export function searchPlaces(places: readonly GazetteerPlace[], query: string, limit = 8): GazetteerPlace[] {
  const wanted = words(query);
  if (wanted.length === 0) return [];
  const scored = places.flatMap((place) => {
    const labelWords = words(place.label);
    if (!wanted.every((w) => labelWords.some((word) => word.startsWith(w)))) return [];
    const nameWords = words(place.label.split(',')[0] ?? '');
    const inName = wanted.filter((w) => nameWords.some((word) => word.startsWith(w))).length;
    return [{ place, inName }];
  });
  scored.sort((a, b) => b.inName - a.inName || a.place.label.length - b.place.label.length || a.place.label.localeCompare(b.place.label, 'en-GB'));
  return scored.slice(0, limit).map(({ place }) => place);
}
