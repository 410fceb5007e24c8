import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../../src/ui/routing';

describe('call routes carry the mode', () => {
  it.each<[string, Route]>([
    ['#/scenarios/dv-whispered-999/call', { screen: 'call', scenarioId: 'dv-whispered-999' }],
    ['#/scenarios/dv-whispered-999/call/assessment', { screen: 'call', scenarioId: 'dv-whispered-999', mode: 'assessment' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(routeHref(route)).toBe(hash);
  });

  it('writes practice as the plain call address', () => {
    expect(routeHref({ screen: 'call', scenarioId: 'x', mode: 'practice' })).toBe('#/scenarios/x/call');
  });
});

describe('screen routes, the studio\'s included', () => {
  it.each<[string, Route]>([
    ['#/data', { screen: 'data' }],
    ['#/cohort', { screen: 'cohort' }],
    ['#/studio', { screen: 'studio' }],
    ['#/studio/3f2a6c1e-9b7d-4e5f-8a1b-2c3d4e5f6a7b', { screen: 'studio-draft', draftId: '3f2a6c1e-9b7d-4e5f-8a1b-2c3d4e5f6a7b' }],
    ['#/studio/3f2a6c1e-9b7d-4e5f-8a1b-2c3d4e5f6a7b/preview', { screen: 'studio-preview', draftId: '3f2a6c1e-9b7d-4e5f-8a1b-2c3d4e5f6a7b' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(routeHref(route)).toBe(hash);
  });

  it('sends a draft address with odd characters to "not found"', () => {
    expect(parseRoute('#/studio/<script>').screen).toBe('not-found');
  });
});
