import { describe, expect, it } from 'vitest';
import { COUNTY_BOUNDS, distanceMetres, type MapPoint } from '../../../src/domain/map-geometry';
import {
  decodeThreeWordCode,
  encodeThreeWordCode,
  THREE_WORD_CODE_WORDS,
  THREE_WORD_GRID,
  THREE_WORD_SQUARE_METRES,
} from '../../../src/domain/three-word-code';

/** A fixed pseudo-random sequence (a linear congruential generator), so every run checks the same points. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomPoints(count: number, seed: number): MapPoint[] {
  const next = seeded(seed);
  return Array.from({ length: count }, () => ({ x: next() * COUNTY_BOUNDS.widthMetres, y: next() * COUNTY_BOUNDS.heightMetres }));
}

const HALF_DIAGONAL = Math.SQRT2 * (THREE_WORD_SQUARE_METRES / 2);

describe('the three-word code word list', () => {
  const words = THREE_WORD_CODE_WORDS;

  it('holds 512 distinct, short, lower-case words', () => {
    expect(words).toHaveLength(512);
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) expect(word).toMatch(/^[a-z]{3,8}$/);
  });

  it('has no word that is the plural of another', () => {
    const set = new Set(words);
    expect(words.filter((word) => set.has(`${word}s`) || set.has(`${word}es`))).toEqual([]);
  });

  it.each([
    ['sea', 'see'], ['blue', 'blew'], ['boot', 'boat'], ['bean', 'been'], ['board', 'bored'], ['bold', 'bowled'],
    ['story', 'storey'], ['plum', 'plumb'], ['gate', 'gait'], ['kernel', 'colonel'], ['cellar', 'seller'], ['hanger', 'hangar'],
    ['lamb', 'lamp'], ['coat', 'goat'], ['pen', 'pan'], ['rose', 'rows'], ['bear', 'bare'], ['deer', 'dear'],
    ['hare', 'hair'], ['flower', 'flour'], ['key', 'quay'], ['horse', 'hoarse'], ['knight', 'night'], ['pear', 'pair'],
  ])('does not hold both "%s" and "%s", which sound alike', (a, b) => {
    expect(words.includes(a) && words.includes(b)).toBe(false);
  });

  it('holds the words of the documented example', () => {
    expect(words).toEqual(expect.arrayContaining(['apple', 'river', 'stone']));
  });
});

describe('encodeThreeWordCode and decodeThreeWordCode', () => {
  it('covers the county with 3 m squares', () => {
    expect(THREE_WORD_GRID).toEqual({ columns: 10_667, rows: 8_000 });
  });

  it.each<[string, MapPoint]>([
    ['the south-west corner', { x: 0, y: 0 }],
    ['the north-east corner', { x: 32_000, y: 24_000 }],
    ['the south-east corner', { x: 32_000, y: 0 }],
    ['the north-west corner', { x: 0, y: 24_000 }],
    ['just inside the north edge', { x: 15_000.2, y: 23_999.9 }],
    ['Kestrel House', { x: 15_400, y: 12_100 }],
    ["Cadman's Footbridge", { x: 16_000, y: 10_100 }],
    ['Willowbank Care Home', { x: 8_600, y: 4_500 }],
    ['Saltmarsh harbour', { x: 28_000, y: 3_700 }],
    ['a square corner', { x: 3, y: 3 }],
    ['just short of a square corner', { x: 2.999, y: 2.999 }],
  ])('round-trips %s to the centre of its square', (_name, point) => {
    const code = encodeThreeWordCode(point);
    expect(code).toMatch(/^[a-z]+\.[a-z]+\.[a-z]+$/);
    const centre = decodeThreeWordCode(code);
    expect(centre).not.toBeNull();
    expect(distanceMetres(point, centre!)).toBeLessThanOrEqual(2.2);
    expect(encodeThreeWordCode(centre!)).toBe(code);
  });

  it('round-trips 5,000 points spread over the county, each to within 2.2 m', () => {
    for (const point of randomPoints(5_000, 42)) {
      const centre = decodeThreeWordCode(encodeThreeWordCode(point));
      expect(centre).not.toBeNull();
      expect(distanceMetres(point, centre!)).toBeLessThanOrEqual(HALF_DIAGONAL + 1e-9);
    }
  });

  it('decodes to the exact centre of the square', () => {
    expect(decodeThreeWordCode(encodeThreeWordCode({ x: 0.2, y: 2.9 }))).toEqual({ x: 1.5, y: 1.5 });
    expect(decodeThreeWordCode(encodeThreeWordCode({ x: 31_999.9, y: 23_999.9 }))).toEqual({ x: 31_999.5, y: 23_998.5 });
  });

  it('gives every square its own code, and every code made of list words one square or none', () => {
    const next = seeded(7);
    const pick = () => THREE_WORD_CODE_WORDS[Math.floor(next() * THREE_WORD_CODE_WORDS.length)];
    let outside = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const code = `${pick()}.${pick()}.${pick()}`;
      const centre = decodeThreeWordCode(code);
      if (centre === null) {
        outside += 1;
        continue;
      }
      expect(centre.x).toBeLessThanOrEqual(COUNTY_BOUNDS.widthMetres);
      expect(centre.y).toBeLessThanOrEqual(COUNTY_BOUNDS.heightMetres);
      expect(encodeThreeWordCode(centre)).toBe(code);
    }
    // 512^3 codes for 85,336,000 squares: about 36% of codes name no square.
    expect(outside / 5_000).toBeGreaterThan(0.3);
    expect(outside / 5_000).toBeLessThan(0.42);
  });

  it('puts the documented example, apple.river.stone, in Castlebridge', () => {
    const centre = decodeThreeWordCode('apple.river.stone');
    expect(centre).not.toBeNull();
    expect(distanceMetres(centre!, { x: 16_000, y: 12_000 })).toBeLessThan(3_000);
  });

  it.each([
    ['Apple. River .STONE'],
    ['  apple.river.stone  '],
    ['APPLE.RIVER.STONE'],
    ['apple .river. stone'],
    ['\tApple.River.Stone\n'],
  ])('accepts %j whatever its case and spacing', (code) => {
    expect(decodeThreeWordCode(code)).toEqual(decodeThreeWordCode('apple.river.stone'));
  });

  it.each([
    ['an empty string', ''],
    ['one word', 'apple'],
    ['two words', 'apple.river'],
    ['four words', 'apple.river.stone.cloud'],
    ['an empty word', 'apple..stone'],
    ['a trailing dot', 'apple.river.stone.'],
    ['a leading dot', '.apple.river.stone'],
    ['spaces instead of dots', 'apple river stone'],
    ['hyphens instead of dots', 'apple-river-stone'],
    ['a word not on the list', 'apple.river.xylophone'],
    ['numbers', '1.2.3'],
    ['a word with a letter missing', 'appl.river.stone'],
    ['a commercial-style prefix', '///apple.river.stone'],
  ])('refuses %s', (_name, code) => {
    expect(decodeThreeWordCode(code)).toBeNull();
  });

  it.each<[string, MapPoint]>([
    ['west of the county', { x: -1, y: 100 }],
    ['south of the county', { x: 100, y: -0.5 }],
    ['east of the county', { x: 32_000.1, y: 100 }],
    ['north of the county', { x: 100, y: 24_000.1 }],
    ['not a number', { x: Number.NaN, y: 100 }],
  ])('refuses to encode a point %s', (_name, point) => {
    expect(() => encodeThreeWordCode(point)).toThrow(RangeError);
  });

  it('gives neighbouring squares unrelated codes: the first word differs in almost every case', () => {
    const points = randomPoints(2_000, 99).map((p) => ({ x: Math.min(p.x, 31_990), y: Math.min(p.y, 23_990) }));
    let pairs = 0;
    let firstWordDiffers = 0;
    for (const point of points) {
      const code = encodeThreeWordCode(point);
      for (const neighbour of [
        { x: point.x + THREE_WORD_SQUARE_METRES, y: point.y },
        { x: point.x, y: point.y + THREE_WORD_SQUARE_METRES },
      ]) {
        const other = encodeThreeWordCode(neighbour);
        expect(other).not.toBe(code);
        pairs += 1;
        if (other.split('.')[0] !== code.split('.')[0]) firstWordDiffers += 1;
      }
    }
    expect(firstWordDiffers / pairs).toBeGreaterThan(0.95);
  });
});
