/**
 * The location data of the bundled library: every location area agrees with the feed text beside
 * it, mobile cells are not centred on the incident, and key locations are where the brief says.
 * (`npm run scenarios:check` already proves each pairing valid and the expert at 100%.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { distanceMetres } from '../../../src/domain/map-geometry';
import { parseScenario } from '../../../src/domain/scenario-schema';

const root = path.join(import.meta.dirname, '../../../scenarios');
const ids = fs
  .readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'scenario.json')))
  .map((entry) => entry.name)
  .sort();
const load = (id: string) => {
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(root, id, name), 'utf8')) as unknown;
  return { scenario: parseScenario(read('scenario.json'), `${id}/scenario.json`), key: parseAnswerKey(read('answer-key.json'), `${id}/answer-key.json`) };
};

/** The archetypes whose critical misses include "no location confirmation" (domain notes §8, S4 and S5). */
const LOCATION_CRITICAL = ['bridge-mental-health-999', 'rtc-dual-carriageway-999'];

describe('bundled scenario locations', () => {
  it('gives at least 12 answer keys a location', () => {
    expect(ids.filter((id) => load(id).key.location).length).toBeGreaterThanOrEqual(12);
  });

  describe.each(ids)('%s', (id) => {
    const { scenario, key } = load(id);
    const area = scenario.callContext.locationArea;

    it('shows a location area exactly when the call has a location feed with a place in it', () => {
      const feed = scenario.callContext.locationFeed ?? '';
      expect(area !== undefined).toBe(/cell radius|Landline/.test(feed));
      if (area) expect(area.label).toBe(feed);
    });

    it('draws mobile cells hundreds of metres wide and off the incident, landlines as the address', () => {
      if (!area) return;
      if (area.kind === 'landline-address') expect(area.radiusMetres).toBeLessThanOrEqual(50);
      if (area.kind === 'mobile-cell') {
        expect(area.radiusMetres).toBeGreaterThanOrEqual(500);
        expect(area.radiusMetres).toBeLessThanOrEqual(3000);
        if (key.location) expect(distanceMetres(area.centre, key.location.point)).toBeGreaterThan(100);
      }
    });

    it('accepts a pin within 100 to 500 m of the key location, with a cue', () => {
      if (!key.location) return;
      expect(key.location.acceptedRadiusMetres).toBeGreaterThanOrEqual(100);
      expect(key.location.acceptedRadiusMetres).toBeLessThanOrEqual(500);
      expect(key.location.cues.length).toBeGreaterThan(0);
    });

    it(`makes a missing or misplaced pin critical only on ${LOCATION_CRITICAL.join(' and ')}`, () => {
      const hasRule = key.criticalMisses.some((miss) => miss.rule.kind === 'locationOutsideAcceptedArea');
      expect(hasRule).toBe(LOCATION_CRITICAL.includes(id));
    });
  });
});
