/** Schema problems in plain words: what a trainer reads at a studio field or in scenarios:check. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainWords, problemsFromSchemaError } from '../../../src/domain/problem';

function wordsFor(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to fail');
  return result.error.issues.map(plainWords);
}

describe('plainWords', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['an empty text', z.string().min(1), '', 'Empty: write something here.'],
    ['a text too short', z.string().min(3), 'ab', 'Too short: write at least 3 characters.'],
    ['a text too long', z.string().max(3), 'abcd', 'Too long: at most 3 characters.'],
    ['an empty list', z.array(z.string()).min(1), [], 'Empty: add at least one.'],
    ['a list too short', z.array(z.string()).min(2), ['a'], 'Too few: add at least 2.'],
    ['a list too long', z.array(z.string()).max(1), ['a', 'b'], 'Too many: at most 1.'],
    ['a number below its minimum', z.number().min(0), -1, 'Too small: must be 0 or more.'],
    ['a number not above its bound', z.number().gt(0), 0, 'Too small: must be more than 0.'],
    ['a number above its maximum', z.number().max(10), 11, 'Too big: must be 10 or less.'],
    ['a missing field', z.strictObject({ title: z.string() }), {}, 'Missing: this is required (text).'],
    ['text where a number goes', z.number(), 'five', 'Wrong kind of value: expected a number, found text.'],
    ['a fraction where a whole number goes', z.number().int(), 1.5, 'Must be a whole number.'],
    ['a value not among the choices', z.enum(['emergency', 'priority']), 'urgent', 'Not one of the choices: must be one of "emergency", "priority".'],
    ['a wrong literal', z.literal(2), 3, 'Must be 2.'],
    ['an unknown field', z.strictObject({ id: z.string() }), { id: 'a', titel: 'x' }, 'Not part of the format: "titel" (check the spelling, or remove it).'],
    ['a text not matching its pattern', z.string().regex(/^[a-z-]+$/), 'Bad Id', 'Not in the expected form (it must match /^[a-z-]+$/).'],
    ['a malformed id', z.uuid(), 'not-a-uuid', 'Not a valid uuid.'],
  ])('%s', (_name, schema, input, expected) => {
    expect(wordsFor(schema, input)).toEqual([expected]);
  });

  it("keeps a schema's own message as it wrote it", () => {
    expect(wordsFor(z.string().min(1, { error: 'Give the caller a name.' }), '')).toEqual(['Give the caller a name.']);
    expect(wordsFor(z.string().refine((s) => s.startsWith('c-'), 'A clip id starts with "c-".'), 'x')).toEqual(['A clip id starts with "c-".']);
  });

  it('locates each problem with its JSON path and file', () => {
    const result = z.strictObject({ metadata: z.strictObject({ title: z.string().min(1) }) }).safeParse({ metadata: { title: '' } });
    if (result.success) throw new Error('expected a failure');
    expect(problemsFromSchemaError('scenario.json', result.error)).toEqual([{ file: 'scenario.json', path: '$.metadata.title', message: 'Empty: write something here.' }]);
  });
});
