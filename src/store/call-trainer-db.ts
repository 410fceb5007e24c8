import { Dexie, type Table } from 'dexie';

/**
 * A row as IndexedDB hands it back. Rows are untrusted (another version of the app, a hand-edited
 * backup or a bug may have written them), so repositories parse every row with its record schema
 * before use; code outside `src/store` never sees this type.
 */
export type StoredRow = { readonly [field: string]: unknown };

/** The database name the app uses; tests pass their own so each test has a fresh database. */
export const DEFAULT_DATABASE_NAME = 'call-trainer';

/**
 * call-trainer's IndexedDB database.
 *
 * Schema history (keep every `version(n)` forever; users upgrade from whatever they last had):
 *
 * - v1: `profiles` (`&id, name`), `attempts` (`&id, profileId, scenarioId,
 *   [profileId+completedAt], completedAt`), `settings` (`&key`).
 * - v2: `reflections` (`&attemptId, profileId`: one reflection per attempt) and `cpdActivities`
 *   (`&id, profileId, [profileId+date]`) for the CPD log (see `cpd-records.ts`), and
 *   `attemptSummaries` (`&attemptId, profileId`): each attempt's score report boiled down for the
 *   progress dashboard (see `progress-repo.ts`; derived, rebuilt from `attempts` whenever one is
 *   missing). New tables only: nothing to move.
 * - v3: `xapiOutbox` (`&id, state, attemptId, queuedAt`): xAPI statements waiting for (or sent
 *   to) the learning record store; `lrsConnection` (`&key`): the LRS endpoint and credentials,
 *   kept apart from `settings` so that no backup can ever carry them.
 * - v4: adds `callsInProgress` (`&id, profileId, [profileId+scenarioId], updatedAt`): calls answered
 *   and not yet submitted, so a reload resumes them (`call-in-progress-record.ts`). No data moves.
 * - v5: the trainer studio (`studio-records.ts`): `scenarioDrafts` (`&id, updatedAt`): scenarios
 *   being written, saved as the trainer types; `authoredScenarios` (`&[scenarioId+version],
 *   scenarioId`): every published version of an authored scenario with its answer key (earlier
 *   versions kept, so attempts stay tied to the version they used); `authoredMedia`
 *   (`&[scenarioId+version+clipId]`): the audio of each published version's clips. New tables only.
 * - v6: `reportTexts` (`&scenarioId`): per scenario, the append-only list of the expert's texts
 *   that score reports copy (`report-text-book.ts`); attempts packed from now on
 *   (`deflate-json-2`, `attempt-row.ts`) hold each such text as its index in the list. New table
 *   only: stored attempts are not rewritten (plain and `deflate-json-1` rows stay readable).
 * - v7: `attemptSummaries` gains the index `[profileId+attemptId]`, so the progress repository
 *   reads a profile's summaries a few hundred at a time, each page starting after the last id
 *   (with 10,000 attempts, reading them in one go held every row at once). Index only.
 *
 * To change the schema or the shape of stored records, append a version below the last one and
 * never edit an earlier one. Only list the tables whose indexes change (Dexie carries the rest
 * over); move data in `upgrade()`, which runs in the version-change transaction, so a throw
 * leaves the old data untouched and the open fails with an `UpgradeError`:
 *
 * ```ts
 * this.version(2)
 *   .stores({ attempts: '&id, profileId, scenarioId, [profileId+completedAt], completedAt, mode' })
 *   .upgrade(async (tx) => {
 *     await tx.table('attempts').toCollection().modify((row) => {
 *       row.newField = deriveFrom(row); // rewrite v1-shaped rows to the v2 shape
 *       row.recordVersion = 2;
 *     });
 *   });
 * ```
 *
 * Then bump the record's version constant and schema (`attempt-record.ts`), add the step to the
 * history above and in `src/store/README.md`, and add a test that writes v1-shaped rows with a
 * v1-only `Dexie` instance, reopens with `CallTrainerDb` and reads them through the repository.
 */
export class CallTrainerDb extends Dexie {
  /** Trainee profiles; see `profile-record.ts`. */
  declare readonly profiles: Table<StoredRow, string>;
  /** Completed calls; see `attempt-record.ts`. */
  declare readonly attempts: Table<StoredRow, string>;
  /** Small app-wide values keyed by name, e.g. `activeProfileId`. */
  declare readonly settings: Table<StoredRow, string>;
  /** A trainee's reflection on an attempt, keyed by the attempt's id; see `cpd-records.ts`. */
  declare readonly reflections: Table<StoredRow, string>;
  /** CPD activity recorded outside call-trainer; see `cpd-records.ts`. */
  declare readonly cpdActivities: Table<StoredRow, string>;
  /** Each attempt's digest for progress figures, keyed by attempt id; see `progress-repo.ts`. */
  declare readonly attemptSummaries: Table<StoredRow, string>;
  /** xAPI statements queued for the LRS; see `xapi-outbox-record.ts`. Never backed up. */
  declare readonly xapiOutbox: Table<StoredRow, string>;
  /** The LRS connection (endpoint, credentials); see `lrs-connection-record.ts`. Never backed up. */
  declare readonly lrsConnection: Table<StoredRow, string>;
  /** Calls answered and not yet submitted; see `call-in-progress-record.ts`. */
  declare readonly callsInProgress: Table<StoredRow, string>;
  /** Scenarios being written in the studio; see `studio-records.ts`. Never backed up. */
  declare readonly scenarioDrafts: Table<StoredRow, string>;
  /** Published versions of authored scenarios, keyed `[scenarioId, version]`. Never backed up. */
  declare readonly authoredScenarios: Table<StoredRow, [string, number]>;
  /** Audio of published authored clips, keyed `[scenarioId, version, clipId]`. Never backed up. */
  declare readonly authoredMedia: Table<StoredRow, [string, number, string]>;
  /**
   * Per scenario, the expert's texts its attempts' reports refer to by index; see
   * `report-text-book.ts`. Append-only; expert content, not personal data. Never backed up.
   */
  declare readonly reportTexts: Table<StoredRow, string>;

  /** @param name IndexedDB database name; defaults to {@link DEFAULT_DATABASE_NAME}. */
  constructor(name: string = DEFAULT_DATABASE_NAME) {
    super(name);

    this.version(1).stores({
      profiles: '&id, name',
      attempts: '&id, profileId, scenarioId, [profileId+completedAt], completedAt',
      settings: '&key',
    });

    this.version(2).stores({
      reflections: '&attemptId, profileId',
      cpdActivities: '&id, profileId, [profileId+date]',
      attemptSummaries: '&attemptId, profileId',
    });

    this.version(3).stores({
      xapiOutbox: '&id, state, attemptId, queuedAt',
      lrsConnection: '&key',
    });

    this.version(4).stores({
      callsInProgress: '&id, profileId, [profileId+scenarioId], updatedAt',
    });

    this.version(5).stores({
      scenarioDrafts: '&id, updatedAt',
      authoredScenarios: '&[scenarioId+version], scenarioId',
      authoredMedia: '&[scenarioId+version+clipId]',
    });

    this.version(6).stores({
      reportTexts: '&scenarioId',
    });

    this.version(7).stores({
      attemptSummaries: '&attemptId, profileId, [profileId+attemptId]',
    });
  }
}
