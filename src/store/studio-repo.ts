import { liveQuery } from 'dexie';
import { sameJson } from '../domain/canonical-json';
import type { Unsubscribe } from './attempts-repo';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';
import { invalidRecordError, unreadableRecord, type UnreadableRecord } from './record-issues';
import {
  authoredMediaRecordSchema,
  authoredScenarioRecordSchema,
  scenarioDraftRecordSchema,
  type AuthoredMediaRecord,
  type AuthoredScenarioRecord,
  type ScenarioDraftRecord,
} from './studio-records';
import { StoreError, toStoreError, withStoreErrors } from './store-error';

export interface DraftList {
  /** Most recently changed first. */
  readonly drafts: readonly ScenarioDraftRecord[];
  readonly unreadable: readonly UnreadableRecord[];
}

export type DraftLookup =
  | { readonly kind: 'found'; readonly draft: ScenarioDraftRecord }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly record: UnreadableRecord };

/** A published version and its audio, ready to store. */
export interface AuthoredVersion {
  readonly scenario: AuthoredScenarioRecord;
  readonly media: readonly AuthoredMediaRecord[];
}

/** What adding a given version did: stored, already there unchanged, or refused (another content under that version). */
export type AddVersionOutcome = 'added' | 'unchanged' | 'conflict';

/** Drafts, published versions and their audio. Every failure rejects with a `StoreError`. */
export interface StudioRepo {
  /** Validates and writes a draft (replacing the one with the same id). */
  saveDraft(draft: ScenarioDraftRecord): Promise<ScenarioDraftRecord>;
  getDraft(id: string): Promise<DraftLookup>;
  deleteDraft(id: string): Promise<void>;
  observeDrafts(onChange: (list: DraftList) => void, onError: (error: StoreError) => void): Unsubscribe;
  /**
   * Publishes the next version of a scenario in one transaction: reads the latest stored version
   * (0 when none), asks `prepare` for version `latest + 1` and stores it with its audio.
   * Earlier versions stay. Resolves with the stored version.
   */
  publishNextVersion(scenarioId: string, prepare: (version: number) => AuthoredVersion): Promise<AuthoredScenarioRecord>;
  /** Stores exactly this version (a pack import): refused as `conflict` when that version exists with other content. */
  addVersion(version: AuthoredVersion): Promise<AddVersionOutcome>;
  /** The latest readable version of every authored scenario, and the rows that could not be read. */
  listLatest(): Promise<{ scenarios: AuthoredScenarioRecord[]; unreadable: UnreadableRecord[] }>;
  /** One version (the latest when `version` is absent), or undefined. */
  getAuthored(scenarioId: string, version?: number): Promise<AuthoredScenarioRecord | undefined>;
  /** The audio of one version's clips. */
  mediaFor(scenarioId: string, version: number): Promise<AuthoredMediaRecord[]>;
}

const SAVE_DRAFT = 'the draft was not saved';
const READ_DRAFTS = 'the drafts could not be read';
const READ_AUTHORED = 'the authored scenarios could not be read';

function parseAuthored(row: StoredRow): { ok: true; value: AuthoredScenarioRecord } | { ok: false; record: UnreadableRecord } {
  const result = authoredScenarioRecordSchema.safeParse(row);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, record: unreadableRecord('authored scenario', `${String(row.scenarioId)} v${String(row.version)}`, result.error) };
}

function checkVersion(version: AuthoredVersion, failed: string): AuthoredVersion {
  const scenario = authoredScenarioRecordSchema.safeParse(version.scenario);
  if (!scenario.success) throw invalidRecordError(failed, 'authored scenario', scenario.error);
  const media = version.media.map((row) => {
    const result = authoredMediaRecordSchema.safeParse(row);
    if (!result.success) throw invalidRecordError(failed, 'authored clip audio', result.error);
    if (result.data.scenarioId !== scenario.data.scenarioId || result.data.version !== scenario.data.version) {
      throw StoreError.because('invalid-record', failed, `the audio of clip "${result.data.clipId}" belongs to another scenario version`);
    }
    return result.data;
  });
  return { scenario: scenario.data, media };
}

/** Creates the studio repository over an open (or lazily opening) database. */
export function createStudioRepo(db: CallTrainerDb): StudioRepo {
  async function readDrafts(): Promise<DraftList> {
    const rows: StoredRow[] = await db.scenarioDrafts.toArray();
    const drafts: ScenarioDraftRecord[] = [];
    const unreadable: UnreadableRecord[] = [];
    for (const row of rows) {
      const result = scenarioDraftRecordSchema.safeParse(row);
      if (result.success) drafts.push(result.data);
      else unreadable.push(unreadableRecord('draft', row.id, result.error));
    }
    drafts.sort((a, b) => (a.updatedAt === b.updatedAt ? a.id.localeCompare(b.id) : a.updatedAt < b.updatedAt ? 1 : -1));
    return { drafts, unreadable };
  }

  async function readVersions(scenarioId: string): Promise<AuthoredScenarioRecord[]> {
    const rows: StoredRow[] = await db.authoredScenarios.where('scenarioId').equals(scenarioId).toArray();
    return rows.flatMap((row) => {
      const parsed = parseAuthored(row);
      return parsed.ok ? [parsed.value] : [];
    });
  }

  async function storeVersion(version: AuthoredVersion): Promise<void> {
    await db.authoredScenarios.add(version.scenario);
    // Earlier audio under the same key (a version stored twice cannot happen: add() refuses).
    await db.authoredMedia.bulkPut([...version.media]);
  }

  return {
    async saveDraft(draft) {
      const result = scenarioDraftRecordSchema.safeParse(draft);
      if (!result.success) throw invalidRecordError(SAVE_DRAFT, 'draft', result.error);
      const record = result.data;
      await withStoreErrors(SAVE_DRAFT, () => db.transaction('rw', db.scenarioDrafts, () => db.scenarioDrafts.put(record)));
      return record;
    },
    getDraft(id) {
      return withStoreErrors(READ_DRAFTS, async (): Promise<DraftLookup> => {
        const row: StoredRow | undefined = await db.scenarioDrafts.get(id);
        if (!row) return { kind: 'missing' };
        const result = scenarioDraftRecordSchema.safeParse(row);
        return result.success ? { kind: 'found', draft: result.data } : { kind: 'unreadable', record: unreadableRecord('draft', id, result.error) };
      });
    },
    deleteDraft(id) {
      return withStoreErrors('the draft was not deleted', () => db.transaction('rw', db.scenarioDrafts, () => db.scenarioDrafts.delete(id)));
    },
    observeDrafts(onChange, onError) {
      const subscription = liveQuery(() => withStoreErrors(READ_DRAFTS, readDrafts)).subscribe({
        next: onChange,
        error: (error: unknown) => onError(toStoreError(error, READ_DRAFTS)),
      });
      return () => subscription.unsubscribe();
    },
    publishNextVersion(scenarioId, prepare) {
      const failed = `scenario "${scenarioId}" was not published`;
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.authoredScenarios, db.authoredMedia, async () => {
          const keys = (await db.authoredScenarios.where('scenarioId').equals(scenarioId).primaryKeys()) as [string, number][];
          const latest = keys.reduce((max, [, version]) => Math.max(max, version), 0);
          const version = checkVersion(prepare(latest + 1), failed);
          if (version.scenario.scenarioId !== scenarioId || version.scenario.version !== latest + 1) {
            throw new Error(`publishNextVersion: prepared ${version.scenario.scenarioId} v${version.scenario.version}, expected ${scenarioId} v${latest + 1}`);
          }
          await storeVersion(version);
          return version.scenario;
        }),
      );
    },
    addVersion(input) {
      const failed = `scenario "${input.scenario.scenarioId}" version ${input.scenario.version} was not added`;
      return withStoreErrors(failed, () =>
        db.transaction('rw', db.authoredScenarios, db.authoredMedia, async (): Promise<AddVersionOutcome> => {
          const version = checkVersion(input, failed);
          const stored: StoredRow | undefined = await db.authoredScenarios.get([version.scenario.scenarioId, version.scenario.version]);
          if (stored) {
            const same =
              sameJson(stored.scenario, version.scenario.scenario) && sameJson(stored.answerKey, version.scenario.answerKey);
            return same ? 'unchanged' : 'conflict';
          }
          await storeVersion(version);
          return 'added';
        }),
      );
    },
    listLatest() {
      return withStoreErrors(READ_AUTHORED, async () => {
        const rows: StoredRow[] = await db.authoredScenarios.toArray();
        const latest = new Map<string, AuthoredScenarioRecord>();
        const unreadable: UnreadableRecord[] = [];
        for (const row of rows) {
          const parsed = parseAuthored(row);
          if (!parsed.ok) {
            unreadable.push(parsed.record);
            continue;
          }
          const current = latest.get(parsed.value.scenarioId);
          if (!current || current.version < parsed.value.version) latest.set(parsed.value.scenarioId, parsed.value);
        }
        return { scenarios: [...latest.values()], unreadable };
      });
    },
    getAuthored(scenarioId, version) {
      return withStoreErrors(READ_AUTHORED, async () => {
        const versions = await readVersions(scenarioId);
        if (version !== undefined) return versions.find((v) => v.version === version);
        return versions.reduce<AuthoredScenarioRecord | undefined>((best, v) => (!best || v.version > best.version ? v : best), undefined);
      });
    },
    mediaFor(scenarioId, version) {
      return withStoreErrors(READ_AUTHORED, async () => {
        const rows: StoredRow[] = await db.authoredMedia.where('[scenarioId+version+clipId]').between([scenarioId, version, ''], [scenarioId, version, '\uffff']).toArray();
        return rows.flatMap((row) => {
          const result = authoredMediaRecordSchema.safeParse(row);
          return result.success ? [result.data] : [];
        });
      });
    },
  };
}
