import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '../../../src/domain/canonical-json';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [3, { d: null, c: 'x' }] }, '{"a":[3,{"c":"x","d":null}],"b":1}'],
    [{ a: undefined, b: true }, '{"b":true}'],
    [[undefined, 1], '[null,1]'],
    ['é "quoted"', '"é \\"quoted\\""'],
  ])('%j is written as %s', (value, text) => expect(canonicalJson(value)).toBe(text));

  it('ignores key order but not content', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] })).toBe(false);
  });

  it.each([[Number.NaN], [Infinity], [() => 1], [10n]])('refuses %s, which JSON cannot hold', (value) => {
    expect(() => canonicalJson(value)).toThrow(/not/);
  });
});
