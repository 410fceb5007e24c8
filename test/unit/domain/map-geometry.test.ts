import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUNTY_BOUNDS, distanceMetres, isInsideCounty, type MapPoint } from '../../../src/domain/map-geometry';

const gazetteerFile = path.join(import.meta.dirname, '../../../scenarios/places/wexmoor.json');

describe('map geometry', () => {
  it('holds the same county size as the gazetteer (the domain never reads it from disk)', () => {
    const gazetteer = JSON.parse(fs.readFileSync(gazetteerFile, 'utf8')) as { county: { widthMetres: number; heightMetres: number } };
    expect(COUNTY_BOUNDS).toEqual({ widthMetres: gazetteer.county.widthMetres, heightMetres: gazetteer.county.heightMetres });
  });

  it.each<[MapPoint, MapPoint, number]>([
    [{ x: 0, y: 0 }, { x: 3, y: 4 }, 5],
    [{ x: 15_400, y: 12_100 }, { x: 15_400, y: 12_100 }, 0],
    [{ x: 100, y: 0 }, { x: 0, y: 0 }, 100],
  ])('measures %j to %j as %s m', (a, b, metres) => {
    expect(distanceMetres(a, b)).toBe(metres);
  });

  it.each<[MapPoint, boolean]>([
    [{ x: 0, y: 0 }, true],
    [{ x: 32_000, y: 24_000 }, true],
    [{ x: 16_000, y: 12_000 }, true],
    [{ x: 32_000.5, y: 10 }, false],
    [{ x: 10, y: 24_001 }, false],
    [{ x: -1, y: 10 }, false],
  ])('%j is inside the county: %s', (point, inside) => {
    expect(isInsideCounty(point)).toBe(inside);
  });
});
