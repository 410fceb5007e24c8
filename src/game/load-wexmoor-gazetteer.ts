import { parseCountyGazetteer, type CountyGazetteer } from '../domain/county-gazetteer-schema';

let loaded: Promise<CountyGazetteer> | undefined;

/**
 * The bundled county, Wexmoor, fetched as its own chunk the first time a map needs it and parsed
 * at the boundary; later calls share the same promise (and so the same object, which keeps the
 * map from being rebuilt). A failed load is not cached, so a retry fetches again.
 */
export function loadWexmoorGazetteer(): Promise<CountyGazetteer> {
  loaded ??= import('../../scenarios/places/wexmoor.json').then(
    (module) => parseCountyGazetteer(module.default, 'scenarios/places/wexmoor.json'),
    (error: unknown) => {
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}
