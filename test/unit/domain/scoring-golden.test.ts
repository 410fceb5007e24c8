/**
 * Scoring's golden master: a few hundred varied attempts (scoring-golden-cases.ts) scored now must
 * give, byte for byte, the reports the scoring code gave when the fixture was captured: same
 * fields, strings, key order and numbers (the fixture keeps each report's SHA-256, plus a digest
 * that shows what changed when a hash does not match; the full reports would be 11 MB). It guards
 * refactors made for speed (issue 8), which must not change a single report.
 *
 * The fixture is captured deliberately, never by a normal run: only when scoring's rules really
 * change, re-capture with
 *
 *   UPDATE_SCORING_GOLDEN=1 npx vitest run test/unit/domain/scoring-golden.test.ts
 *
 * and review the fixture's diff as part of the change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreAttempt } from '../../../src/domain/scoring';
import { goldenCases, goldenReport, type GoldenReport } from './scoring-golden-cases';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/scoring/golden-reports.json');
const cases = goldenCases().map((c) => ({ ...c, report: scoreAttempt(c.scenario, c.answerKey, c.response, c.policy) }));

if (process.env.UPDATE_SCORING_GOLDEN === '1') {
  const entries = cases.map((c) => `  ${JSON.stringify(c.name)}: ${JSON.stringify(goldenReport(c.report))}`);
  fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
  fs.writeFileSync(FIXTURE, `{\n${entries.join(',\n')}\n}\n`);
}
const expected = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, GoldenReport>;

describe('scoring golden reports', () => {
  it('covers the same cases as the fixture, each once', () => {
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(Object.keys(expected));
    expect(names.length).toBeGreaterThanOrEqual(300);
  });

  it('reaches every scenario and the scoring branches it is meant to guard', () => {
    const reports = cases.map((c) => c.report);
    const verdicts = (list: (string | undefined)[]) => [...new Set(list)].filter((v) => v !== undefined).sort();
    expect(new Set(cases.map((c) => c.scenario.id)).size).toBe(new Set(cases.map((c) => c.scenario)).size);
    expect(new Set(cases.map((c) => c.scenario.id)).size).toBeGreaterThanOrEqual(20);
    expect(verdicts(reports.flatMap((r) => (r.regrades ?? []).map((g) => g.verdict)))).toEqual(['already-there', 'cue-not-reached', 'in-time', 'missed']);
    expect(verdicts(reports.flatMap((r) => (r.checks ?? []).map((c) => c.verdict)))).toEqual(['late', 'missed', 'on-time']);
    expect(verdicts(reports.map((r) => r.location?.verdict))).toEqual(['near', 'not-pinned', 'outside', 'within']);
    expect(verdicts(reports.map((r) => r.grade.verdict))).toEqual(['acceptable', 'expected', 'not-graded', 'over-graded', 'under-graded']);
    expect(verdicts(reports.flatMap((r) => r.elements.map((e) => e.verdict)))).toEqual(['acceptable', 'expected', 'not-rated', 'one-step-off', 'wrong']);
    expect(verdicts(reports.map((r) => r.band.id)).length).toBeGreaterThanOrEqual(3);
    expect(reports.some((r) => r.panel?.disagreement.flagged)).toBe(true);
    expect(reports.some((r) => r.summary?.wentWell.some((w) => w.startsWith('Mostly right')))).toBe(true);
    expect(verdicts(reports.map((r) => r.mode ?? 'none'))).toEqual(['assessment', 'none', 'practice']);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s gives the captured report', (name, c) => {
    const actual = goldenReport(c.report);
    const { sha256, ...digest } = actual;
    const { sha256: expectedSha256, ...expectedDigest } = expected[name] ?? ({} as GoldenReport);
    expect(digest).toEqual(expectedDigest);
    expect(sha256).toBe(expectedSha256);
  });
});
