import { describe, expect, it } from 'vitest';
import { readCohortFiles } from '../../../src/app/cohort-files';
import { backupChecksum } from '../../../src/store/backup-schema';
import { buildAttempt, TEST_PROFILE_ID } from '../store/attempt-builder';

const PROFILE = { id: TEST_PROFILE_ID, name: 'Sam Okafor', createdAt: '2026-01-05T09:00:00.000Z' };

/** A backup file as "Your data" exports it: profiles, attempts, settings and a reflection table, checksummed. */
async function backupText(edit: (tables: Record<string, unknown[]>) => void = () => undefined, resign = true): Promise<string> {
  const tables: Record<string, unknown[]> = {
    profiles: [PROFILE],
    attempts: [buildAttempt(), buildAttempt({ completedAt: '2025-03-02T14:05:40.000Z', startedAt: '2025-03-02T14:03:20.000Z' })],
    settings: [{ key: 'activeProfileId', value: TEST_PROFILE_ID }],
    reflections: [],
    cpdActivities: [],
  };
  const checksum = await backupChecksum(tables);
  edit(tables);
  const value = resign ? await backupChecksum(tables) : checksum;
  return JSON.stringify({ format: 'call-trainer-backup', formatVersion: 1, exportedAt: '2026-11-28T03:00:00.000Z', appVersion: '0.1.0', checksum: { algorithm: 'SHA-256', value }, tables });
}

const fileOf = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('readCohortFiles', () => {
  it('hands over each good file’s profiles and attempts, and names each bad file with the field and reason, in order', async () => {
    const outcomes = await readCohortFiles([
      fileOf('sam.json', await backupText()),
      fileOf('edited.json', await backupText((t) => ((t.attempts![0] as { report: { percent: number } }).report.percent = 99), false)),
      fileOf('wrong-type.json', await backupText((t) => ((t.attempts![1] as { report: { percent: unknown } }).report.percent = 'high'))),
      fileOf('notes.txt', 'not json'),
    ]);
    expect(outcomes.map((o) => [o.kind, o.file])).toEqual([
      ['read', 'sam.json'],
      ['refused', 'edited.json'],
      ['refused', 'wrong-type.json'],
      ['refused', 'notes.txt'],
    ]);
    const [sam, edited, wrongType, notes] = outcomes;
    expect(sam).toMatchObject({ profiles: [{ id: TEST_PROFILE_ID, name: 'Sam Okafor' }] });
    expect(sam!.kind === 'read' && sam!.attempts).toHaveLength(2);
    expect(edited!.kind === 'refused' && edited!.problems[0]).toMatchObject({ file: 'edited.json', path: '$.checksum', message: expect.stringMatching(/changed after it was exported/) });
    expect(wrongType!.kind === 'refused' && wrongType!.problems[0]).toMatchObject({ path: '$.tables.attempts[1].report.percent' });
    expect(notes!.kind === 'refused' && notes!.problems[0]).toMatchObject({ path: '$', message: expect.stringMatching(/not valid JSON/) });
  });
});
