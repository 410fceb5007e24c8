import { describe, expect, it } from 'vitest';
import { CallTrainerDb, DEFAULT_DATABASE_NAME } from '../../../src/store/call-trainer-db';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();

/** The object stores as IndexedDB itself holds them (not as Dexie describes them). */
function describeStores(db: CallTrainerDb) {
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames];
  const transaction = idb.transaction(names, 'readonly');
  return Object.fromEntries(
    names.map((name) => {
      const store = transaction.objectStore(name);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: indexName, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      });
      return [name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes }];
    }),
  );
}

const index = (name: string, keyPath: string | string[] = name) => ({ name, keyPath, unique: false, multiEntry: false });

describe('CallTrainerDb', () => {
  it('is named "call-trainer" unless told otherwise', () => {
    const db = new CallTrainerDb();
    expect(db.name).toBe(DEFAULT_DATABASE_NAME);
    expect(DEFAULT_DATABASE_NAME).toBe('call-trainer');
    db.close();
  });

  // Guards the append-only rule: changing a store means adding version(2), never editing an earlier one.
  it('opens at version 7 with the version-1 tables, the version-2 CPD and attempt-summary tables, the version-3 xAPI tables, the version-4 callsInProgress table, the version-5 studio tables, the version-6 reportTexts table and the version-7 summary index', async () => {
    const db = freshDb();
    await db.open();

    expect(db.verno).toBe(7);
    expect(describeStores(db)).toEqual({
      profiles: { keyPath: 'id', autoIncrement: false, indexes: [index('name')] },
      attempts: {
        keyPath: 'id',
        autoIncrement: false,
        indexes: [
          index('[profileId+completedAt]', ['profileId', 'completedAt']),
          index('completedAt'),
          index('profileId'),
          index('scenarioId'),
        ],
      },
      settings: { keyPath: 'key', autoIncrement: false, indexes: [] },
      // v2: the CPD log.
      reflections: { keyPath: 'attemptId', autoIncrement: false, indexes: [index('profileId')] },
      cpdActivities: { keyPath: 'id', autoIncrement: false, indexes: [index('[profileId+date]', ['profileId', 'date']), index('profileId')] },
      // v7: summaries are read a page at a time per profile.
      attemptSummaries: { keyPath: 'attemptId', autoIncrement: false, indexes: [index('[profileId+attemptId]', ['profileId', 'attemptId']), index('profileId')] },
      xapiOutbox: {
        keyPath: 'id',
        autoIncrement: false,
        indexes: [index('attemptId'), index('queuedAt'), index('state')],
      },
      lrsConnection: { keyPath: 'key', autoIncrement: false, indexes: [] },
      callsInProgress: {
        keyPath: 'id',
        autoIncrement: false,
        indexes: [index('[profileId+scenarioId]', ['profileId', 'scenarioId']), index('profileId'), index('updatedAt')],
      },
      // v5: the trainer studio.
      scenarioDrafts: { keyPath: 'id', autoIncrement: false, indexes: [index('updatedAt')] },
      authoredScenarios: { keyPath: ['scenarioId', 'version'], autoIncrement: false, indexes: [index('scenarioId')] },
      authoredMedia: { keyPath: ['scenarioId', 'version', 'clipId'], autoIncrement: false, indexes: [] },
      // v6: the expert's texts that packed attempts refer to.
      reportTexts: { keyPath: 'scenarioId', autoIncrement: false, indexes: [] },
    });
  });

  it('keeps its data across close and reopen', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const first = freshDb(name);
    await first.settings.put({ key: 'captions', value: true });
    first.close();

    const second = freshDb(name);
    expect(await second.settings.get('captions')).toEqual({ key: 'captions', value: true });
  });
});
