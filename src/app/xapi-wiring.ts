import type { CallTrainerDb } from '../store/call-trainer-db';
import type { ProfilesRepo } from '../store/profiles-repo';
import { createXapiOutboxRepo, type XapiOutboxRepo } from '../store/xapi-outbox-repo';
import type { YourData } from '../ui/app-services';
import { browserDispatchEnvironment } from './browser-dispatch-environment';
import { createXapiDispatch } from './xapi-dispatch';
import { createYourData } from './your-data';

/** What attempt completion needs to queue statements. */
export interface XapiQueueing {
  readonly outbox: XapiOutboxRepo;
  readonly profileName: string;
  /** Tells the sender that statements were queued. */
  readonly queued: () => void;
}

/**
 * The outbox, its sender and the "Your data" services, wired together. `main.tsx` loads this
 * module with import() right after the first render, so none of it weighs on the first load;
 * the sender then resumes whatever was left waiting. Nothing is sent unless an LRS is
 * configured, and the xAPI library itself loads only to send.
 */
export function wireXapiAndData(options: {
  db: CallTrainerDb;
  profiles: ProfilesRepo;
  profileName: string;
  appVersion: string;
  now: () => number;
  restart: (notice?: string) => void;
  takeNotice: () => string | undefined;
}): { yourData: YourData; xapi: XapiQueueing } {
  const { db } = options;
  const outbox = createXapiOutboxRepo(db);
  const dispatch = createXapiDispatch({
    outbox,
    post: (connection, statements) => import('./lrs-sender').then(({ postStatements }) => postStatements(connection, statements as never)),
    env: browserDispatchEnvironment(),
  });
  dispatch.start();
  const yourData = createYourData({
    backup: () => import('../store/backup-repo').then(({ createBackupRepo }) => createBackupRepo(db)),
    outbox,
    profiles: options.profiles,
    dispatch,
    appVersion: options.appVersion,
    now: options.now,
    restart: options.restart,
    takeNotice: options.takeNotice,
  });
  return { yourData, xapi: { outbox, profileName: options.profileName, queued: () => dispatch.queued() } };
}
