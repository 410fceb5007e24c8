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

describe('screen routes', () => {
  it.each<[string, Route]>([
    ['#/data', { screen: 'data' }],
    ['#/cohort', { screen: 'cohort' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(routeHref(route)).toBe(hash);
  });
});
