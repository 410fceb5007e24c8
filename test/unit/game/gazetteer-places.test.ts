import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCountyGazetteer } from '../../../src/domain/county-gazetteer-schema';
import { gazetteerPlaces, searchPlaces } from '../../../src/game/gazetteer-places';

const file = 'scenarios/places/wexmoor.json';
const wexmoor = parseCountyGazetteer(JSON.parse(readFileSync(file, 'utf8')), file);
const places = gazetteerPlaces(wexmoor);
const labels = (query: string) => searchPlaces(places, query).map((place) => place.label);

describe('gazetteer places', () => {
  it('lists every town, road, river and landmark once', () => {
    expect(places).toHaveLength(wexmoor.towns.length + wexmoor.roads.length + wexmoor.landmarks.length);
    expect(new Set(places.map((place) => place.id)).size).toBe(places.length);
  });

  it('labels a landmark with its street and town, and pins it at the landmark', () => {
    expect(places.find((place) => place.id === 'kestrel-house')).toEqual({
      id: 'kestrel-house',
      kind: 'landmark',
      label: 'Kestrel House, Mill Lane, Castlebridge',
      point: { x: 15_400, y: 12_100 },
    });
  });

  it('pins a street halfway along it and a town at its centre', () => {
    const millLane = wexmoor.roads.find((road) => road.id === 'mill-lane')!;
    const [a, b] = millLane.points;
    expect(places.find((place) => place.id === 'mill-lane')).toMatchObject({ label: 'Mill Lane, Castlebridge', point: { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 } });
    expect(places.find((place) => place.id === 'hollinford')).toMatchObject({ kind: 'town', label: 'Hollinford', point: { x: 6_000, y: 18_000 } });
    expect(places.find((place) => place.id === 'wexmoor-way')?.label).toBe('Wexmoor Way');
  });

  it('matches every word of the query at the start of a word in the label, in any order', () => {
    expect(labels('kestrel')).toEqual(['Kestrel House, Mill Lane, Castlebridge']);
    expect(labels('CASTLE mill')).toEqual(['Mill Lane, Castlebridge', 'Kestrel House, Mill Lane, Castlebridge']);
    expect(labels('estrel')).toEqual([]);
    expect(labels('   ')).toEqual([]);
  });

  it('ignores apostrophes and punctuation', () => {
    expect(labels('st annes road')).toContain("St Anne's Road, Castlebridge");
    expect(labels('fishermans')).toEqual(["Fisherman's Row, Saltmarsh Quay"]);
    expect(labels('junction 4')).toEqual(['Ashcombe interchange (junction 4), Wexmoor Way']);
  });

  it('puts places whose own name matches before places that are only on that street or in that town', () => {
    const results = labels('castlebridge');
    expect(results[0]).toBe('Castlebridge');
    expect(results.slice(1, 4)).toEqual(expect.arrayContaining(['Castlebridge railway station, Station Road, Castlebridge']));
  });

  it('returns at most the limit', () => {
    expect(searchPlaces(places, 'castlebridge', 5)).toHaveLength(5);
  });
});
