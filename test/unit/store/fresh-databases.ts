import { afterEach } from 'vitest';
import { CallTrainerDb } from '../../../src/store/call-trainer-db';

/**
 * Gives each test its own IndexedDB database and removes every one the test opened afterwards.
 * Call it once at the top of a test file; it registers that file's cleanup hook.
 */
export function useFreshDatabases(): (name?: string) => CallTrainerDb {
  const opened: CallTrainerDb[] = [];
  afterEach(async () => {
    const dbs = opened.splice(0);
    // Close every connection first: deleting a database another open connection holds warns.
    for (const db of dbs) db.close();
    for (const db of dbs) await db.delete();
  });
  return (name = `t-${crypto.randomUUID()}`) => {
    const db = new CallTrainerDb(name);
    opened.push(db);
    return db;
  };
}
