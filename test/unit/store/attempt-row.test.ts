import { Dexie } from 'dexie';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { jsonPath } from '../../../src/domain/problem';
import { scoreAttempt } from '../../../src/domain/scoring';
import type { AttemptRecord } from '../../../src/store/attempt-record';
import {
  EXPERT_TEXT_KEYS,
  packAttemptRow,
  PACKED_ATTEMPT_BODY,
  PACKED_ATTEMPT_BODY_TEXTS_INLINE,
  parseStoredAttempt,
  unpackAttemptRow,
} from '../../../src/store/attempt-row';
import { createAttemptsRepo } from '../../../src/store/attempts-repo';
import { createBackupRepo } from '../../../src/store/backup-repo';
import type { StoredRow } from '../../../src/store/call-trainer-db';
import { createProgressRepo } from '../../../src/store/progress-repo';
import { reportTextBook, type ReportTextBook } from '../../../src/store/report-text-book';
import { goldenCases, type GoldenCase } from '../domain/scoring-golden-cases';
import { buildAttempt, TEST_PROFILE_ID } from './attempt-builder';
import { useFreshDatabases } from './fresh-databases';

const freshDb = useFreshDatabases();

/** A book with no stored lists: every scenario starts a new one. */
const emptyBook = (): ReportTextBook => reportTextBook([]);

/** The book a reader would load after `book`'s appended lists were written back. */
const storedBook = (book: ReportTextBook): ReportTextBook => reportTextBook(book.appended());

/** A row as versions before Dexie 6 packed it: the report's texts inline. */
function inlineRow(record: AttemptRecord): StoredRow {
  const { response, report, ...clear } = record;
  return { ...clear, bodyEncoding: 'deflate-json-1', body: deflateSync(strToU8(JSON.stringify({ response, report })), { level: 9, mem: 8 }) };
}

/** The report inside a packed row, as stored (indexes, not texts). */
function storedReport(row: StoredRow): Record<string, unknown> {
  return (JSON.parse(strFromU8(inflateSync(row.body as Uint8Array))) as { report: Record<string, unknown> }).report;
}

/** A row with its body's report changed by `edit`. */
function withStoredReport(row: StoredRow, edit: (report: Record<string, unknown>) => void): StoredRow {
  const body = JSON.parse(strFromU8(inflateSync(row.body as Uint8Array))) as { report: Record<string, unknown> };
  edit(body.report);
  return { ...row, body: deflateSync(strToU8(JSON.stringify(body))) };
}

/** A scored attempt of a golden case, as the app would save it. */
function scoredAttempt(golden: GoldenCase, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return buildAttempt({
    scenarioId: golden.scenario.id,
    scenarioVersion: golden.scenario.version,
    scenarioTitle: golden.scenario.metadata.title,
    incidentType: golden.scenario.metadata.incidentType,
    response: golden.response,
    report: scoreAttempt(golden.scenario, golden.answerKey, golden.response, golden.policy),
    ...overrides,
  });
}

const cases = goldenCases();
const whispered = cases.filter((c) => c.scenario.id === 'dv-whispered-999');

describe('packing an attempt for IndexedDB', () => {
  it('keeps the listing fields in the clear and deflates the response and report, smaller than the JSON', () => {
    const attempt = scoredAttempt(whispered[0]!);
    const row = packAttemptRow(attempt, emptyBook());
    expect(row).toMatchObject({ id: attempt.id, profileId: attempt.profileId, scenarioId: attempt.scenarioId, completedAt: attempt.completedAt, mode: attempt.mode, bodyEncoding: PACKED_ATTEMPT_BODY });
    expect(row).not.toHaveProperty('report');
    expect(row).not.toHaveProperty('response');
    expect(row.body).toBeInstanceOf(Uint8Array);
    const plainBytes = new TextEncoder().encode(JSON.stringify({ response: attempt.response, report: attempt.report })).length;
    expect((row.body as Uint8Array).length).toBeLessThan(plainBytes / 4);
    // Less than the same record packed with its texts inline.
    expect((row.body as Uint8Array).length).toBeLessThan((inlineRow(attempt).body as Uint8Array).length * 0.7);
  });

  it('reads back exactly the record that was packed, for every golden scoring case', () => {
    // One book for all, as on a PC that has stored them all: each scenario keeps its own list.
    const book = emptyBook();
    const rows = cases.map((golden) => {
      const attempt = scoredAttempt(golden);
      return { attempt, row: packAttemptRow(attempt, book) };
    });
    const reader = storedBook(book);
    for (const { attempt, row } of rows) expect(parseStoredAttempt(row, reader)).toEqual({ success: true, data: attempt });
  });

  it('keeps each expert text once per scenario: a second attempt of the scenario adds nothing', () => {
    const book = emptyBook();
    const first = scoredAttempt(whispered[0]!);
    packAttemptRow(first, book);
    const afterFirst = book.appended();
    expect(afterFirst.map((row) => row.scenarioId)).toEqual(['dv-whispered-999']);
    const texts = afterFirst[0]!.texts;
    expect(texts.length).toBeGreaterThan(10);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain(first.report.grade.expertRationale);

    const second = scoredAttempt(whispered[0]!, { id: crypto.randomUUID() });
    packAttemptRow(second, book);
    expect(book.appended()).toEqual(afterFirst);

    // A book loaded from that list, for a third attempt, appends nothing either.
    const later = storedBook(book);
    packAttemptRow(scoredAttempt(whispered[0]!), later);
    expect(later.appended()).toEqual([]);
  });

  it('appends only what is new, and never moves a stored text', () => {
    const book = emptyBook();
    packAttemptRow(scoredAttempt(whispered[0]!), book);
    const stored = book.appended()[0]!.texts;
    const reader = storedBook(book);
    const changed = scoredAttempt(whispered[0]!);
    // The key's wording changed since: the new wording is appended, the old one stays where it was.
    const report = { ...changed.report, grade: { ...changed.report.grade, expertRationale: 'A reworded rationale.' } };
    const row = packAttemptRow({ ...changed, report }, reader);
    expect(reader.appended()).toEqual([{ scenarioId: 'dv-whispered-999', texts: [...stored, 'A reworded rationale.'] }]);
    expect(parseStoredAttempt(row, storedBook(reader))).toEqual({ success: true, data: { ...changed, report } });
  });

  it('never puts what the trainee wrote in the list', () => {
    const golden = whispered.find((c) => c.response.location) ?? whispered[0]!;
    const mine = 'TRAINEE-OWN-WORDS: she sounded terrified and I believed her';
    const thrive = Object.fromEntries(Object.entries(golden.response.assessment.thrive).map(([id, given]) => [id, { ...given, rationale: `${mine} (${id})` }]));
    const response = {
      ...golden.response,
      assessment: { ...golden.response.assessment, thrive },
      ...(golden.response.location ? { location: { ...golden.response.location, label: `${mine} (pin)` } } : {}),
    };
    const attempt = scoredAttempt({ ...golden, response });
    expect(JSON.stringify(attempt.report)).toContain(mine);
    const book = emptyBook();
    const row = packAttemptRow(attempt, book);
    expect(book.appended()[0]!.texts.filter((text) => text.includes(mine))).toEqual([]);
    // The trainee's words stay in the attempt's own body, in place.
    const report = storedReport(row) as { elements: { givenRationale: string; expertRationale: unknown }[] };
    expect(report.elements[0]!.givenRationale).toContain(mine);
    expect(typeof report.elements[0]!.expertRationale).toBe('number');
    expect(parseStoredAttempt(row, storedBook(book))).toEqual({ success: true, data: attempt });
  });

  it('externalises keys that hold text wherever they occur in a report, and none of the trainee\'s', () => {
    // So a number under one of these keys in a stored body can only be an index.
    const found = new Map<string, Set<string>>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object' && value !== null) {
        for (const [key, field] of Object.entries(value)) {
          if (EXPERT_TEXT_KEYS.has(key)) found.set(key, (found.get(key) ?? new Set()).add(typeof field));
          visit(field);
        }
      }
    };
    for (const golden of cases) visit(scoreAttempt(golden.scenario, golden.answerKey, golden.response, golden.policy));
    for (const [key, types] of found) expect([key, [...types]]).toEqual([key, ['string']]);
    expect([...found.keys()].sort()).toEqual(['expertRationale', 'note', 'question', 'quote', 'reason', 'subjectLabel']);
    for (const trainees of ['givenRationale', 'givenLabel', 'rationale', 'label']) expect(EXPERT_TEXT_KEYS.has(trainees)).toBe(false);
  });

  it('reads a plain row saved before packing as it is', () => {
    const attempt = buildAttempt();
    expect(unpackAttemptRow(attempt, emptyBook())).toEqual({ ok: true, record: attempt });
    expect(parseStoredAttempt(attempt, emptyBook())).toEqual({ success: true, data: attempt });
  });

  it("reads a 'deflate-json-1' row (texts inline) as it is, without any list", () => {
    const attempt = scoredAttempt(whispered[1]!);
    expect(parseStoredAttempt(inlineRow(attempt), emptyBook())).toEqual({ success: true, data: attempt });
  });

  it("keeps the texts inline ('deflate-json-1') when the scenario's stored list is damaged, and leaves the list as it is", () => {
    const attempt = scoredAttempt(whispered[0]!);
    const book = reportTextBook([{ scenarioId: attempt.scenarioId, texts: 'not a list' }]);
    const row = packAttemptRow(attempt, book);
    expect(row.bodyEncoding).toBe(PACKED_ATTEMPT_BODY_TEXTS_INLINE);
    expect(book.appended()).toEqual([]);
    expect(parseStoredAttempt(row, book)).toEqual({ success: true, data: attempt });
  });

  it('refuses to pack or read with a book not loaded for the scenario (a bug, not a damaged row)', () => {
    const attempt = scoredAttempt(whispered[0]!);
    const book = reportTextBook([], ['bike-theft-rwd-101']);
    expect(() => packAttemptRow(attempt, book)).toThrow(/not loaded/);
  });

  it.each([
    ['a body that is not deflate data', (row: StoredRow) => ({ ...row, body: new Uint8Array([1, 2, 3, 4]) }), '$.body', /could not be read/],
    ['a missing body', ({ body: _body, ...row }: StoredRow) => row, '$.body', /missing/],
    ['an encoding from a newer version', (row: StoredRow) => ({ ...row, bodyEncoding: 'zstd-json-9' }), '$.bodyEncoding', /newer version/],
    ['a scenario id that is not text', (row: StoredRow) => ({ ...row, scenarioId: 42 }), '$.scenarioId', /scenario id/],
    [
      'an index past the end of the list',
      (row: StoredRow) => withStoredReport(row, (report) => ((report.grade as Record<string, unknown>).expertRationale = 9_999)),
      '$.report.grade.expertRationale',
      /refers to expert text 9999 of scenario "dv-whispered-999", but \d+ are stored/,
    ],
    [
      'an index that is not a whole number',
      (row: StoredRow) => withStoredReport(row, (report) => (((report.keyQuestions as Record<string, unknown>[])[0]!).question = 1.5)),
      '$.report.keyQuestions[0].question',
      /refers to expert text 1.5/,
    ],
  ])('reports %s at its field instead of throwing', (_case, damage, path, message) => {
    const book = emptyBook();
    const row = packAttemptRow(scoredAttempt(whispered[0]!), book);
    const result = parseStoredAttempt(damage({ ...row }), storedBook(book));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toHaveLength(1);
    expect(jsonPath(result.error.issues[0]!.path)).toBe(path);
    expect(result.error.issues[0]!.message).toMatch(message);
  });

  it.each([
    ['missing', reportTextBook([], ['dv-whispered-999']), /texts of scenario "dv-whispered-999" that this attempt's report refers to are not stored on this device/],
    ['damaged', reportTextBook([{ scenarioId: 'dv-whispered-999', texts: [1, 2] }]), /texts of scenario "dv-whispered-999" .* are damaged \(\$\.texts\[0\]: .*\)/],
  ])("reports a %s list once, at the body", (_case, book, message) => {
    const row = packAttemptRow(scoredAttempt(whispered[0]!), emptyBook());
    const result = parseStoredAttempt(row, book);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([['body']]);
    expect(result.error.issues[0]!.message).toMatch(message);
  });
});

describe('the attempts repository over packed rows', () => {
  it("stores a saved attempt packed with its scenario's list, and lists it beside plain and 'deflate-json-1' rows", async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const plain = buildAttempt({ completedAt: '2026-01-01T10:00:00.000Z', startedAt: '2026-01-01T09:55:00.000Z' });
    await db.attempts.put(plain);
    const inline = scoredAttempt(whispered[2]!, { completedAt: '2026-01-02T10:00:00.000Z', startedAt: '2026-01-02T09:55:00.000Z' });
    await db.attempts.put(inlineRow(inline));
    const newer = scoredAttempt(whispered[0]!, { completedAt: '2026-01-03T10:00:00.000Z', startedAt: '2026-01-03T09:55:00.000Z' });
    await repo.saveAttempt(newer);
    const stored = await db.attempts.get(newer.id);
    expect(stored?.bodyEncoding).toBe(PACKED_ATTEMPT_BODY);
    expect((await db.reportTexts.get('dv-whispered-999'))?.texts).toContain(newer.report.grade.expertRationale);
    const list = await repo.listAttempts(newer.profileId);
    expect(list.unreadable).toEqual([]);
    expect(list.attempts.map((a) => a.id)).toEqual([newer.id, inline.id, plain.id]);
    expect(list.attempts[0]).toEqual(newer);
    expect(list.attempts[1]).toEqual(inline);
    expect(await repo.getAttempt(newer.id)).toEqual({ kind: 'found', attempt: newer });
  });

  it("shares one list between a scenario's attempts and keeps each scenario's apart", async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    await repo.saveAttempt(scoredAttempt(whispered[0]!));
    const once = await db.reportTexts.get('dv-whispered-999');
    await repo.saveAttempt(scoredAttempt(whispered[0]!));
    expect(await db.reportTexts.get('dv-whispered-999')).toEqual(once);
    const other = cases.find((c) => c.scenario.id !== 'dv-whispered-999')!;
    const otherAttempt = scoredAttempt(other);
    await repo.saveAttempt(otherAttempt);
    expect(await db.reportTexts.count()).toBe(2);
    expect(await db.reportTexts.get('dv-whispered-999')).toEqual(once);
    const list = await repo.listAttempts(TEST_PROFILE_ID);
    expect(list.unreadable).toEqual([]);
    expect(list.attempts).toHaveLength(3);
    expect(list.attempts.find((a) => a.id === otherAttempt.id)).toEqual(otherAttempt);
  });

  it('lists an attempt whose list is gone as unreadable, naming the field, and the progress digests say the same', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const attempt = scoredAttempt(whispered[0]!);
    await repo.saveAttempt(attempt);
    await db.reportTexts.clear();
    const list = await repo.listAttempts(attempt.profileId);
    expect(list.attempts).toEqual([]);
    expect(list.unreadable[0]?.reason).toMatch(/\$\.body: the expert's texts of scenario "dv-whispered-999" .* are not stored on this device/);
    const digests = await createProgressRepo(db).listDigests(attempt.profileId);
    expect(digests.unreadable.map((u) => u.id)).toEqual([attempt.id]);
  });

  it('lists a packed row whose body is damaged as unreadable, naming the field', async () => {
    const db = freshDb();
    const repo = createAttemptsRepo(db);
    const attempt = buildAttempt();
    await db.attempts.put({ ...packAttemptRow(attempt, emptyBook()), body: new Uint8Array([9, 9, 9]) });
    const list = await repo.listAttempts(attempt.profileId);
    expect(list.attempts).toEqual([]);
    expect(list.unreadable[0]?.reason).toMatch(/\$\.body: the packed response and report could not be read/);
  });

  it('rebuilds progress digests from packed attempts', async () => {
    const db = freshDb();
    const attempt = scoredAttempt(whispered[3]!);
    await createAttemptsRepo(db).saveAttempt(attempt);
    await db.attemptSummaries.clear();
    const digests = await createProgressRepo(db).listDigests(attempt.profileId);
    expect(digests.unreadable).toEqual([]);
    expect(digests.digests.map((d) => d.attemptId)).toEqual([attempt.id]);
  });

  it('exports plain records, and an import into another PC packs them with lists of its own', async () => {
    const source = freshDb();
    await source.profiles.put({ id: TEST_PROFILE_ID, name: 'Sam', createdAt: '2025-01-01T00:00:00.000Z' });
    const attempts = [scoredAttempt(whispered[0]!), scoredAttempt(whispered[1]!)];
    for (const attempt of attempts) await createAttemptsRepo(source).saveAttempt(attempt);
    const exported = await createBackupRepo(source).exportBackup({ appVersion: 'test', now: new Date('2026-02-01T00:00:00.000Z') });
    expect(exported.leftOut).toEqual([]);
    const file = JSON.parse(exported.json) as { tables: Record<string, unknown[]> };
    expect(Object.keys(file.tables)).not.toContain('reportTexts');
    expect(file.tables.attempts).toEqual(expect.arrayContaining(attempts.map((a) => expect.objectContaining({ id: a.id, report: a.report }))));

    const target = freshDb();
    const report = await createBackupRepo(target).importBackup({ name: exported.fileName, size: exported.json.length, text: async () => exported.json });
    expect(report.tables.find((t) => t.table === 'attempts')).toMatchObject({ added: 2 });
    expect((await target.attempts.toArray()).map((row) => row.bodyEncoding)).toEqual([PACKED_ATTEMPT_BODY, PACKED_ATTEMPT_BODY]);
    // The same texts, in the order this PC met them (the import order, by attempt id, can differ).
    const textsOf = async (db: typeof source) => (await db.reportTexts.toArray()).map((row) => ({ scenarioId: row.scenarioId, texts: [...(row.texts as string[])].sort() }));
    expect(await textsOf(target)).toEqual(await textsOf(source));
    const list = await createAttemptsRepo(target).listAttempts(TEST_PROFILE_ID);
    expect(list.unreadable).toEqual([]);
    expect([...list.attempts].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([...attempts].sort((a, b) => (a.id < b.id ? -1 : 1)));

    // Importing the same file again finds every attempt unchanged (each stored row unpacks to the same record).
    const again = await createBackupRepo(target).importBackup({ name: exported.fileName, size: exported.json.length, text: async () => exported.json });
    expect(again.tables.find((t) => t.table === 'attempts')).toMatchObject({ added: 0, unchanged: 2, refused: 0 });
  });

  it('deleting everything clears the lists too', async () => {
    const db = freshDb();
    await createAttemptsRepo(db).saveAttempt(scoredAttempt(whispered[0]!));
    expect(await db.reportTexts.count()).toBe(1);
    await createBackupRepo(db).deleteAllData();
    expect(await db.reportTexts.count()).toBe(0);
  });

  it("upgrades a version-5 database holding 'deflate-json-1' rows, which stay readable", async () => {
    const name = `t-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({ profiles: '&id, name', attempts: '&id, profileId, scenarioId, [profileId+completedAt], completedAt', settings: '&key' });
    await v5.open();
    const attempt = scoredAttempt(whispered[4]!);
    await v5.table('attempts').put(inlineRow(attempt));
    v5.close();
    const db = freshDb(name);
    const list = await createAttemptsRepo(db).listAttempts(attempt.profileId);
    expect(list).toEqual({ attempts: [attempt], unreadable: [] });
    expect(await db.reportTexts.count()).toBe(0);
  });
});
