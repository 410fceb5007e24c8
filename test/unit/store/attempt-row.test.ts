import { describe, expect, it } from 'vitest';
import { packAttemptRow, parseStoredAttempt, PACKED_ATTEMPT_BODY, unpackAttemptRow } from '../../../src/store/attempt-row';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { buildAttempt } from './attempt-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();

describe('packing an attempt for IndexedDB', () => {
  it('keeps the listing fields in the clear and deflates the response and report, smaller than the JSON', () => {
    const attempt = buildAttempt();
    const row = packAttemptRow(attempt);
    expect(row).toMatchObject({ id: attempt.id, profileId: attempt.profileId, scenarioId: attempt.scenarioId, completedAt: attempt.completedAt, mode: attempt.mode, bodyEncoding: PACKED_ATTEMPT_BODY });
    expect(row).not.toHaveProperty('report');
    expect(row).not.toHaveProperty('response');
    expect(row.body).toBeInstanceOf(Uint8Array);
    const plainBytes = new TextEncoder().encode(JSON.stringify({ response: attempt.response, report: attempt.report })).length;
    expect((row.body as Uint8Array).length).toBeLessThan(plainBytes / 2);
  });

  it('reads back exactly the record that was packed', () => {
    const attempt = buildAttempt();
    expect(parseStoredAttempt(packAttemptRow(attempt))).toEqual({ success: true, data: attempt });
  });

  it('reads a plain row saved before packing as it is', () => {
    const attempt = buildAttempt();
    expect(unpackAttemptRow(attempt)).toEqual({ ok: true, record: attempt });
    expect(parseStoredAttempt(attempt)).toEqual({ success: true, data: attempt });
  });

  it.each([
    ['a body that is not deflate data', (row: Record<string, unknown>) => ({ ...row, body: new Uint8Array([1, 2, 3, 4]) }), '$.body', /could not be read/],
    ['a missing body', ({ body: _body, ...row }: Record<string, unknown>) => row, '$.body', /missing/],
    ['an encoding from a newer version', (row: Record<string, unknown>) => ({ ...row, bodyEncoding: 'zstd-json-9' }), '$.bodyEncoding', /newer version/],
  ])('reports %s at its field instead of throwing', (_case, damage, path, message) => {
    const result = parseStoredAttempt(damage({ ...packAttemptRow(buildAttempt()) }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toHaveLength(1);
    expect(`$.${result.error.issues[0]!.path.join('.')}`).toBe(path);
    expect(result.error.issues[0]!.message).toMatch(message);
  });
});

describe('the attempts repository over packed rows', () => {
  it('stores a saved attempt packed, and lists it beside a plain row written by an earlier version', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const older = buildAttempt({ completedAt: '2026-01-01T10:00:00.000Z', startedAt: '2026-01-01T09:55:00.000Z' });
    await db.attempts.put(older);
    const newer = buildAttempt();
    await repo.saveAttempt(newer);
    const stored = await db.attempts.get(newer.id);
    expect(stored?.bodyEncoding).toBe(PACKED_ATTEMPT_BODY);
    const list = await repo.listAttempts(newer.profileId);
    expect(list.unreadable).toEqual([]);
    expect(list.attempts.map((a) => a.id).sort()).toEqual([older.id, newer.id].sort());
    expect(list.attempts.find((a) => a.id === newer.id)).toEqual(newer);
  });

  it('lists a packed row whose body is damaged as unreadable, naming the field', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const attempt = buildAttempt();
    await db.attempts.put({ ...packAttemptRow(attempt), body: new Uint8Array([9, 9, 9]) });
    const list = await repo.listAttempts(attempt.profileId);
    expect(list.attempts).toEqual([]);
    expect(list.unreadable[0]?.reason).toMatch(/\$\.body: the packed response and report could not be read/);
  });
});
