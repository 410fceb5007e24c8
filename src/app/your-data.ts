import type { BackupRepo } from '../store/backup-repo';
import { DEFAULT_ACTIVITY_BASE, LRS_CONNECTION_KEY, lrsConnectionRecordSchema } from '../store/lrs-connection-record';
import type { ProfilesRepo } from '../store/profiles-repo';
import type { OutboxSummary, XapiOutboxRepo } from '../store/xapi-outbox-repo';
import type { LrsConnectionForm, LrsStatusView, YourData } from '../ui/app-services';
import type { DispatchStatus, XapiDispatch } from './xapi-dispatch';

const FIELDS: readonly (keyof LrsConnectionForm)[] = ['endpoint', 'username', 'password', 'activityBase'];

/**
 * The "Your data" services: backup and restore through the backup repository, delete-all, and
 * the LRS connection with the outbox status merged from the store (counts, last error) and the
 * dispatcher (phase, next try).
 */
export function createYourData(options: {
  /** The backup repository, loaded on first use (it stays out of the first load). */
  backup: () => Promise<BackupRepo>;
  outbox: XapiOutboxRepo;
  profiles: ProfilesRepo;
  dispatch: XapiDispatch;
  appVersion: string;
  now: () => number;
  /** Reloads the app (e.g. after deleting everything), leaving `notice` for the data screen. */
  restart: (notice?: string) => void;
  takeNotice: () => string | undefined;
}): YourData {
  const { backup, outbox, profiles, dispatch } = options;
  return {
    defaultActivityBase: DEFAULT_ACTIVITY_BASE,

    async exportBackup() {
      const result = await (await backup()).exportBackup({ appVersion: options.appVersion, now: new Date(options.now()) });
      return { fileName: result.fileName, json: result.json, counts: result.counts, leftOut: result.leftOut.length };
    },

    async importBackup(file) {
      const [repo, { BackupRefusedError }] = await Promise.all([backup(), import('../store/backup-schema')]);
      try {
        return { kind: 'imported', report: await repo.importBackup(file) };
      } catch (error) {
        if (error instanceof BackupRefusedError) return { kind: 'refused', file: error.file, problems: error.problems, more: error.more };
        return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
    },

    async deleteAllData() {
      dispatch.stop();
      await (await backup()).deleteAllData();
      options.restart('All data on this PC has been deleted: profiles, attempts, settings, the LRS connection and statements waiting to be sent.');
    },

    async openProfile(profileId) {
      const profile = await profiles.setActiveProfile(profileId);
      options.restart(`${profile.name}'s record is open.`);
    },

    takeNotice: options.takeNotice,

    observeLrs(onChange, onError) {
      let summary: OutboxSummary | undefined;
      let status: DispatchStatus = dispatch.status();
      const emit = () => {
        if (!summary) return;
        const view: LrsStatusView = {
          ...(summary.connection ? { connection: summary.connection } : {}),
          waiting: summary.waiting,
          sent: summary.sent,
          ...(status.lastError ?? summary.lastError ? { lastError: status.lastError ?? summary.lastError } : {}),
          phase: summary.connection ? (status.phase === 'not-configured' ? 'idle' : status.phase) : 'not-configured',
          ...(status.nextTryAt !== undefined ? { nextTryAt: status.nextTryAt } : {}),
        };
        onChange(view);
      };
      const stopSummary = outbox.observeSummary(
        (next) => {
          summary = next;
          emit();
        },
        (error) => onError(error.message),
      );
      const stopStatus = dispatch.observeStatus((next) => {
        status = next;
        emit();
      });
      return () => {
        stopSummary();
        stopStatus();
      };
    },

    async saveLrsConnection(form) {
      const parsed = lrsConnectionRecordSchema.safeParse({ key: LRS_CONNECTION_KEY, ...form, savedAt: new Date(options.now()).toISOString() });
      if (!parsed.success) {
        return {
          ok: false,
          problems: parsed.error.issues.map((issue) => {
            const field = FIELDS.find((f) => f === issue.path[0]);
            return { field: field ?? 'form', message: issue.message };
          }),
        };
      }
      await outbox.saveConnection(form, new Date(options.now()));
      void dispatch.sendNow();
      return { ok: true };
    },

    async removeLrsConnection() {
      await outbox.removeConnection();
      await dispatch.sendNow();
    },

    sendNow: () => dispatch.sendNow(),
  };
}
