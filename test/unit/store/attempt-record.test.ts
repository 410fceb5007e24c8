import { describe, expect, it } from 'vitest';
import { attemptRecordSchema } from '../../../src/store/attempt-record';
import { buildAttempt, THRIVE_ELEMENTS } from './attempt-builder';

describe('attemptRecordSchema', () => {
  it('accepts the builder record, with all six THRIVE elements', () => {
    const attempt = buildAttempt();
    expect(attemptRecordSchema.parse(attempt)).toEqual(attempt);
    expect(Object.keys(attempt.response.assessment.thrive)).toEqual([...THRIVE_ELEMENTS]);
    expect(attempt.report.elements.map((e) => e.element)).toEqual([...THRIVE_ELEMENTS]);
  });

  it.each([
    ['2025-03-01T14:05:40Z', 'no milliseconds'],
    ['2025-03-01T14:05:40.000+01:00', 'an offset instead of Z'],
    ['2025-03-01', 'a date without a time'],
  ])('refuses completedAt %s (%s): one fixed shape keeps text order equal to time order', (completedAt) => {
    const result = attemptRecordSchema.safeParse({ ...buildAttempt(), completedAt });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['completedAt']);
    expect(result.error?.issues[0]?.message).toMatch(/toISOString/);
  });

  it('refuses unknown fields (records are strict, like the domain formats)', () => {
    const result = attemptRecordSchema.safeParse({ ...buildAttempt(), notes: 'extra' });
    expect(result.success).toBe(false);
  });

  it('says a record from a newer version is newer, and a missing version is missing', () => {
    const newer = attemptRecordSchema.safeParse({ ...buildAttempt(), recordVersion: 3 });
    expect(newer.error?.issues[0]?.message).toMatch(/newer version of call-trainer \(record version 3/);
    const { recordVersion: _omitted, ...unversioned } = buildAttempt();
    const missing = attemptRecordSchema.safeParse(unversioned);
    expect(missing.error?.issues[0]?.message).toBe('expected record version 1');
  });
});
