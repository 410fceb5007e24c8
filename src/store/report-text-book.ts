import { z } from 'zod';
import { jsonPath } from '../domain/problem';
import { slugSchema } from '../domain/scenario-schema';
import type { CallTrainerDb, StoredRow } from './call-trainer-db';

/**
 * The expert's texts that score reports copy (reasons, expert rationales, key questions, cue
 * quotes), kept once per scenario instead of once per attempt.
 *
 * A report copies these texts on purpose: the debrief must show what the trainee was told even
 * after the answer key changes. They are the same in every attempt of a scenario, so a packed
 * attempt (`attempt-row.ts`, body encoding `deflate-json-2`) stores each one as its index in its
 * scenario's list in the `reportTexts` table instead.
 *
 * A list is **append-only**: a text seen for the first time is added at the end, and nothing is
 * ever changed or removed, so every index an attempt holds keeps meaning the same text for good
 * (a changed key only appends its new wording; the old wording stays for the attempts that used
 * it). Lists are loaded and written back in the same Dexie transaction as the attempts that use
 * them, so two tabs saving at once cannot lose each other's appends.
 *
 * The lists hold the scenario author's words only (never anything a trainee typed), so they are
 * not personal data: they stay when a profile or its attempts are deleted, and "delete everything"
 * clears them with every other table. Backups carry plain attempts and never these lists.
 */

/** A row of `reportTexts`: one scenario's list. */
export const reportTextsRecordSchema = z.strictObject({
  scenarioId: slugSchema,
  texts: z.array(z.string()),
});
export type ReportTextsRecord = z.infer<typeof reportTextsRecordSchema>;

/** What the book knows of one scenario's list. */
export type ReportTextList =
  | { readonly kind: 'list'; readonly texts: readonly string[] }
  /** No list is stored for the scenario (yet). */
  | { readonly kind: 'missing' }
  /** A stored list failed its schema: it can be neither read nor appended to. */
  | { readonly kind: 'damaged'; readonly message: string };

/**
 * The lists of some scenarios, as loaded in a transaction, and what was appended to them since.
 * Pure and synchronous, so packing and reading an attempt stay so; `loadReportTextBook` fills it
 * and `saveAppendedReportTexts` writes back what grew.
 */
export interface ReportTextBook {
  /**
   * The scenario's list. Throws when the book was not loaded for the scenario: that is a bug in
   * the caller (guessing "missing" would start a new list over a stored one).
   */
  listOf(scenarioId: string): ReportTextList;
  /**
   * The index of `text` in the scenario's list, appending it when new (a missing list starts
   * empty). Undefined when the stored list is damaged, which is never rewritten.
   */
  indexOf(scenarioId: string, text: string): number | undefined;
  /** The lists that grew since loading, whole, to put back. */
  appended(): ReportTextsRecord[];
}

interface Entry {
  list: ReportTextList;
  /** The list's texts, owned by the book (appends go here); undefined while missing or damaged. */
  texts?: string[];
  /** Built on the first lookup: text -> index. */
  positions?: Map<string, number>;
  grew: boolean;
}

/**
 * A book over stored `reportTexts` rows. With `scenarioIds`, the book is for those scenarios only
 * (each with its row among `rows`, or no list yet); without, `rows` are every stored list, so any
 * other scenario has none yet. Rows are untrusted: one that fails its schema is `damaged`, with
 * the reason.
 */
export function reportTextBook(rows: readonly (StoredRow | undefined)[], scenarioIds?: Iterable<string>): ReportTextBook {
  const entries = new Map<string, Entry>();
  const everyList = scenarioIds === undefined;
  for (const id of scenarioIds ?? []) entries.set(id, { list: { kind: 'missing' }, grew: false });
  for (const row of rows) {
    if (row === undefined || typeof row.scenarioId !== 'string') continue;
    const parsed = reportTextsRecordSchema.safeParse(row);
    if (parsed.success) {
      const texts = [...parsed.data.texts];
      entries.set(row.scenarioId, { list: { kind: 'list', texts }, texts, grew: false });
    } else {
      const message = parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`).join('; ');
      entries.set(row.scenarioId, { list: { kind: 'damaged', message }, grew: false });
    }
  }

  function entryOf(scenarioId: string): Entry {
    let entry = entries.get(scenarioId);
    if (!entry && everyList) entries.set(scenarioId, (entry = { list: { kind: 'missing' }, grew: false }));
    if (!entry) throw new Error(`the expert texts of scenario ${JSON.stringify(scenarioId)} were not loaded with the attempts that use them`);
    return entry;
  }

  return {
    listOf: (scenarioId) => entryOf(scenarioId).list,
    indexOf(scenarioId, text) {
      const entry = entryOf(scenarioId);
      if (entry.list.kind === 'damaged') return undefined;
      if (entry.texts === undefined) {
        entry.texts = [];
        entry.list = { kind: 'list', texts: entry.texts };
      }
      const texts = entry.texts;
      if (!entry.positions) {
        entry.positions = new Map();
        // The first occurrence wins, should a list ever hold a text twice.
        for (let index = texts.length - 1; index >= 0; index -= 1) entry.positions.set(texts[index]!, index);
      }
      const known = entry.positions.get(text);
      if (known !== undefined) return known;
      texts.push(text);
      entry.positions.set(text, texts.length - 1);
      entry.grew = true;
      return texts.length - 1;
    },
    appended() {
      const grown: ReportTextsRecord[] = [];
      for (const [scenarioId, entry] of entries) if (entry.grew && entry.texts) grown.push({ scenarioId, texts: [...entry.texts] });
      return grown;
    },
  };
}

/**
 * Loads the lists of the given scenarios (every stored list when `scenarioIds` is omitted). Call
 * it inside the transaction that reads or writes the attempts, with `reportTexts` in its scope.
 */
export async function loadReportTextBook(db: CallTrainerDb, scenarioIds?: Iterable<string>): Promise<ReportTextBook> {
  if (scenarioIds === undefined) return reportTextBook(await db.reportTexts.toArray());
  const ids = [...new Set(scenarioIds)];
  return reportTextBook(ids.length === 0 ? [] : await db.reportTexts.bulkGet(ids), ids);
}

/**
 * Writes back the lists the book appended to. Call it in the same transaction as the attempts
 * packed with the book: each list was read in it, so putting the whole list is an append.
 */
export async function saveAppendedReportTexts(db: CallTrainerDb, book: ReportTextBook): Promise<void> {
  const rows = book.appended();
  if (rows.length > 0) await db.reportTexts.bulkPut(rows);
}
