import { COUNTY_BOUNDS, isInsideCounty, type MapPoint } from './map-geometry';

/**
 * Three-word location codes of our own: every 3 m square of the county has a code of three words
 * from the list below, written "word.word.word", that a caller can read out and a call handler
 * can type to drop a pin. This is not what3words and shares nothing with it: the word list, the
 * grid and the numbering are ours, and the codes only mean anything inside Wexmoor.
 *
 * How a code is made:
 * 1. The county is cut into squares of {@link THREE_WORD_SQUARE_METRES} m, numbered row by row
 *    from the south-west corner: `index = row * columns + column`.
 * 2. The index is scrambled by a fixed bijection on 27-bit numbers (multiply by an odd constant,
 *    add one, fold the high bits into the low bits, multiply again, fold again), so neighbouring
 *    squares get unrelated codes and a misheard word lands far away rather than next door.
 * 3. The 27-bit result is written in base 512 with the words as digits, most significant first.
 *
 * 512 words give 512^3 = 134,217,728 codes for 85,336,000 squares; the codes left over decode to
 * null ("not a square in the county"). Changing the word list, the constants or the grid changes
 * every code, so they are fixed for good: scenario files and recorded attempts quote codes.
 */

/** The side of one coded square, in metres. */
export const THREE_WORD_SQUARE_METRES = 3;

/**
 * The 512 code words: short, common, inoffensive English words, lower-case letters only, no
 * duplicates, no word that sounds like another on the list (no "sea"/"see", "boot"/"boat"), no
 * plural of another word, no numbers or directions (they would be confused with addresses), and
 * nothing alarming to hear on an emergency call. The order is part of the code: never reorder,
 * insert or remove a word.
 */
export const THREE_WORD_CODE_WORDS: readonly string[] = Object.freeze([
  'apple', 'river', 'stone', 'cloud', 'field', 'hill', 'lake', 'leaf', 'tree', 'grass', 'bush', 'moss',
  'fern', 'rock', 'sand', 'shell', 'wave', 'storm', 'snow', 'frost', 'wind', 'star', 'moon', 'sky', 'dawn',
  'dusk', 'noon', 'earth', 'forest', 'meadow', 'valley', 'canyon', 'island', 'ocean', 'pond', 'brook',
  'spring', 'summer', 'autumn', 'winter', 'breeze', 'thunder', 'ember', 'cedar', 'maple', 'oak', 'pine',
  'willow', 'birch', 'elm', 'hazel', 'holly', 'ivy', 'daisy', 'tulip', 'lily', 'poppy', 'clover', 'thistle',
  'acorn', 'cherry', 'plum', 'peach', 'lemon', 'lime', 'mango', 'melon', 'grape', 'olive', 'banana', 'carrot',
  'potato', 'tomato', 'onion', 'garlic', 'pepper', 'celery', 'radish', 'turnip', 'parsnip', 'bean', 'badger',
  'beaver', 'otter', 'rabbit', 'fox', 'pony', 'donkey', 'goat', 'sheep', 'lamb', 'bull', 'hen', 'duck',
  'goose', 'swan', 'owl', 'robin', 'wren', 'finch', 'crow', 'raven', 'eagle', 'hawk', 'falcon', 'gull',
  'puffin', 'parrot', 'penguin', 'dolphin', 'seal', 'salmon', 'trout', 'crab', 'lobster', 'shrimp', 'oyster',
  'snail', 'frog', 'newt', 'lizard', 'turtle', 'beetle', 'moth', 'spider', 'zebra', 'lion', 'tiger', 'koala',
  'camel', 'llama', 'giraffe', 'hippo', 'rhino', 'monkey', 'kitten', 'puppy', 'mouse', 'hamster', 'squirrel',
  'hedgehog', 'mole', 'cat', 'dog', 'wolf', 'table', 'chair', 'clock', 'cup', 'plate', 'bowl', 'spoon', 'jug',
  'kettle', 'teapot', 'basket', 'bucket', 'ladder', 'rope', 'anchor', 'bell', 'drum', 'flute', 'piano',
  'violin', 'guitar', 'trumpet', 'harp', 'banjo', 'whistle', 'candle', 'lantern', 'mirror', 'window', 'gate',
  'fence', 'wall', 'roof', 'chimney', 'garden', 'castle', 'tower', 'cabin', 'cottage', 'barn', 'palace',
  'temple', 'museum', 'market', 'bakery', 'bread', 'butter', 'cheese', 'honey', 'jam', 'toast', 'cake',
  'biscuit', 'pancake', 'waffle', 'cookie', 'pie', 'soup', 'salad', 'pasta', 'rice', 'noodle', 'pizza',
  'sugar', 'coffee', 'cocoa', 'milk', 'cream', 'yogurt', 'blue', 'green', 'yellow', 'orange', 'purple',
  'pink', 'brown', 'black', 'white', 'silver', 'golden', 'amber', 'coral', 'ivory', 'indigo', 'hat', 'scarf',
  'glove', 'shoe', 'sock', 'shirt', 'jacket', 'button', 'pocket', 'belt', 'ribbon', 'bus', 'train', 'boat',
  'ship', 'yacht', 'canoe', 'raft', 'wagon', 'cart', 'rocket', 'tram', 'taxi', 'tractor', 'echo', 'puzzle',
  'riddle', 'story', 'poem', 'song', 'dance', 'music', 'magic', 'dream', 'smile', 'laugh', 'joke', 'party',
  'picnic', 'holiday', 'circus', 'brave', 'calm', 'quiet', 'gentle', 'happy', 'lucky', 'bright', 'sunny',
  'warm', 'cool', 'fresh', 'crisp', 'quick', 'swift', 'bold', 'tall', 'tiny', 'giant', 'grand', 'noble',
  'proud', 'clever', 'wise', 'kind', 'jolly', 'merry', 'eager', 'fancy', 'fluffy', 'fuzzy', 'shiny', 'silky',
  'smooth', 'soft', 'tidy', 'little', 'empty', 'humble', 'loyal', 'mighty', 'nimble', 'plucky', 'polite',
  'rapid', 'steady', 'sturdy', 'vivid', 'witty', 'zesty', 'arrow', 'atlas', 'attic', 'bagel', 'balloon',
  'bamboo', 'barrel', 'basil', 'beacon', 'blanket', 'blossom', 'bottle', 'bounce', 'bubble', 'buckle',
  'bunny', 'cactus', 'candy', 'canvas', 'captain', 'carpet', 'cashew', 'cellar', 'chalk', 'charm', 'chess',
  'chorus', 'cider', 'cinema', 'citrus', 'comet', 'compass', 'copper', 'cotton', 'cradle', 'crayon',
  'cricket', 'crystal', 'dragon', 'feather', 'flag', 'flask', 'fossil', 'fountain', 'frame', 'galaxy',
  'ginger', 'globe', 'gravel', 'harvest', 'helmet', 'hobby', 'hockey', 'hoop', 'hornet', 'icicle', 'igloo',
  'jelly', 'jigsaw', 'jumper', 'kayak', 'kiwi', 'kite', 'lagoon', 'lettuce', 'linen', 'lotus', 'magnet',
  'marble', 'meteor', 'mosaic', 'napkin', 'needle', 'nest', 'nutmeg', 'orchard', 'paddle', 'parcel', 'pebble',
  'pelican', 'pencil', 'pickle', 'pillow', 'planet', 'pudding', 'pumpkin', 'quilt', 'radar', 'raisin',
  'ranch', 'rattle', 'reindeer', 'ripple', 'saucer', 'scooter', 'sketch', 'sled', 'slipper', 'sofa',
  'sparrow', 'sponge', 'sprout', 'stable', 'stamp', 'straw', 'sweater', 'syrup', 'tennis', 'timber', 'toffee',
  'torch', 'trophy', 'tunnel', 'umbrella', 'unicorn', 'vase', 'velvet', 'village', 'wafer', 'walnut', 'wand',
  'wheel', 'windmill', 'wool', 'yarn', 'zipper', 'bison', 'cobra', 'ferret', 'gecko', 'jaguar', 'lemur',
  'magpie', 'mink', 'ostrich', 'panther', 'pigeon', 'quail', 'stoat', 'toucan', 'walrus', 'yak', 'artist',
  'author', 'baker', 'cowboy', 'dancer', 'farmer', 'pilot', 'poet', 'sailor', 'singer', 'tailor', 'wizard',
  'album', 'bench', 'board', 'brick', 'broom', 'brush', 'cable', 'coin', 'comb', 'desk', 'drawer', 'folder',
  'hammer', 'jar', 'kennel', 'key', 'lid', 'log', 'map', 'mug', 'oven', 'pen', 'plank', 'pump', 'rake',
  'ruler', 'scale', 'shelf', 'shovel', 'spade', 'stick', 'string', 'tape', 'tent', 'tile', 'tray', 'tub',
  'vest', 'wire',
]);

const WORD_COUNT = 512;
const BITS = 27; // log2(WORD_COUNT ** 3)
const MASK = 2 ** BITS - 1;
const FOLD = 14; // at least half of BITS, so folding is its own inverse
const MULTIPLIER_1 = 0x41b3c6d; // odd, so multiplying is a bijection modulo 2^27
const MULTIPLIER_2 = 0x17a2d39;
const INCREMENT = 0x2f5a250; // chosen so the example "apple.river.stone" is a square in Castlebridge

/** Columns and rows of squares (the last column runs a metre past the eastern edge). */
export const THREE_WORD_GRID = {
  columns: Math.ceil(COUNTY_BOUNDS.widthMetres / THREE_WORD_SQUARE_METRES),
  rows: Math.ceil(COUNTY_BOUNDS.heightMetres / THREE_WORD_SQUARE_METRES),
} as const;
const SQUARE_COUNT = THREE_WORD_GRID.columns * THREE_WORD_GRID.rows;

const wordIndex = new Map(THREE_WORD_CODE_WORDS.map((word, index) => [word, index]));

/** The inverse of an odd number modulo 2^32 (Newton's iteration), reduced modulo 2^27. */
function inverseOfOdd(value: number): number {
  let inverse = value;
  for (let i = 0; i < 5; i += 1) inverse = Math.imul(inverse, 2 - Math.imul(value, inverse));
  return inverse & MASK;
}
const INVERSE_1 = inverseOfOdd(MULTIPLIER_1);
const INVERSE_2 = inverseOfOdd(MULTIPLIER_2);

const fold = (value: number) => value ^ (value >>> FOLD);

function scramble(index: number): number {
  let value = (Math.imul(index, MULTIPLIER_1) + INCREMENT) & MASK;
  value = fold(value);
  value = Math.imul(value, MULTIPLIER_2) & MASK;
  return fold(value);
}

function unscramble(value: number): number {
  let index = fold(value);
  index = Math.imul(index, INVERSE_2) & MASK;
  index = fold(index);
  return Math.imul((index - INCREMENT) & MASK, INVERSE_1) & MASK;
}

/**
 * The three-word code of the 3 m square holding `point`, e.g. "apple.river.stone". Points on the
 * county's north or east edge belong to the square inside it.
 *
 * @throws RangeError when the point is not a finite point inside the county.
 */
export function encodeThreeWordCode(point: MapPoint): string {
  if (!Number.isFinite(point.x) || !Number.isFinite(point.y) || !isInsideCounty(point)) {
    throw new RangeError(`(${point.x}, ${point.y}) is not inside the county, so it has no three-word code`);
  }
  const column = Math.min(Math.floor(point.x / THREE_WORD_SQUARE_METRES), THREE_WORD_GRID.columns - 1);
  const row = Math.min(Math.floor(point.y / THREE_WORD_SQUARE_METRES), THREE_WORD_GRID.rows - 1);
  const code = scramble(row * THREE_WORD_GRID.columns + column);
  const digits = [Math.floor(code / (WORD_COUNT * WORD_COUNT)), Math.floor(code / WORD_COUNT) % WORD_COUNT, code % WORD_COUNT];
  return digits.map((digit) => THREE_WORD_CODE_WORDS[digit]).join('.');
}

/**
 * The centre of the square a three-word code names, or null when the code is malformed (not
 * three words joined by dots), uses a word that is not on the list, or names no square in the
 * county. Case and spaces around the words and dots do not matter: "Apple. River .STONE" reads
 * as "apple.river.stone".
 */
export function decodeThreeWordCode(code: string): MapPoint | null {
  const words = code.trim().toLowerCase().split('.').map((word) => word.trim());
  if (words.length !== 3) return null;
  let value = 0;
  for (const word of words) {
    const digit = wordIndex.get(word);
    if (digit === undefined) return null;
    value = value * WORD_COUNT + digit;
  }
  const index = unscramble(value);
  if (index >= SQUARE_COUNT) return null;
  const column = index % THREE_WORD_GRID.columns;
  const row = Math.floor(index / THREE_WORD_GRID.columns);
  const half = THREE_WORD_SQUARE_METRES / 2;
  return { x: column * THREE_WORD_SQUARE_METRES + half, y: row * THREE_WORD_SQUARE_METRES + half };
}
