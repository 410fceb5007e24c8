import fc from 'fast-check';
import type { Problem } from '../../../src/domain/problem';

/**
 * Mutations of real files for property tests: each one is malformed by construction, so every
 * checker must reject it with located problems and must not throw.
 *
 * An input kind is one entry: real documents to start from, the file name they are reported
 * under, how to check one, and which keys hold references and which are required. Adding a new
 * kind (packs, backups) means adding one `InputKind` to the table in the test.
 */
export interface InputKind {
  /** In the words of the error messages: "scenario", "answer key", "force policy". */
  readonly name: string;
  /** Real documents (e.g. every bundled file of this kind) to mutate, with the check for each. */
  readonly samples: readonly InputSample[];
  /**
   * Where a string names another thing (a node, a clip, a grade…), as patterns over the dotted
   * path (`callGraph.nodes.3.next`); pointing one at nothing must be refused.
   */
  readonly references: readonly RegExp[];
  /** Object keys required wherever they appear in this kind of file. */
  readonly requiredKeys: readonly string[];
  /** Arrays (by key) whose items' `id` must be unique. */
  readonly uniqueIdArrays: readonly string[];
  /** How many malformed documents to generate. */
  readonly runs: number;
}

export interface InputSample {
  /** The file name every problem must name. */
  readonly file: string;
  readonly document: unknown;
  /** Checks a document as the app or `scenarios:check` would; returns every problem found. */
  readonly check: (document: unknown) => readonly Problem[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;
interface Located {
  readonly path: readonly Segment[];
  readonly value: unknown;
}

/** Every value in the document with its path, root first. */
export function locate(document: unknown, path: Segment[] = [], out: Located[] = []): Located[] {
  out.push({ path, value: document });
  if (Array.isArray(document)) document.forEach((item, index) => locate(item, [...path, index], out));
  else if (typeof document === 'object' && document !== null) {
    for (const [key, value] of Object.entries(document)) locate(value, [...path, key], out);
  }
  return out;
}

function parentOf(document: unknown, path: readonly Segment[]): Record<Segment, unknown> {
  let current = document as Record<Segment, unknown>;
  for (const segment of path.slice(0, -1)) current = current[segment] as Record<Segment, unknown>;
  return current;
}

function setAt(document: unknown, path: readonly Segment[], value: unknown): void {
  const key = path.at(-1)!;
  // defineProperty, so a key named "__proto__" becomes an own property as JSON.parse would make it.
  Object.defineProperty(parentOf(document, path), key, { value, enumerable: true, writable: true, configurable: true });
}

const HUGE = 'x'.repeat(200_000);

/** A value of another JSON type than `value`, never acceptable where `value` was. */
function otherType(value: unknown, variant: number): unknown {
  const options: unknown[] =
    typeof value === 'string'
      ? [42, true, { text: value }, [value]]
      : typeof value === 'number'
        ? [String(value), null, [value], { value }]
        : typeof value === 'boolean'
          ? ['yes', 1, null]
          : Array.isArray(value)
            ? ['a list', 7, { items: value }]
            : value === null
              ? [[], 3]
              : ['an object', 9, [value]];
  return options[variant % options.length];
}

/** How a document is broken: each kind is malformed by construction. */
export const MUTATIONS = [
  'wrong-type',
  'delete-required',
  'not-a-finite-number',
  'dangling-reference',
  'huge-dangling-reference',
  'duplicate-id',
  'prototype-key',
  'wrong-format-version',
  'not-an-object',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface MutationPlan {
  readonly sample: number;
  readonly mutation: Mutation;
  readonly target: number;
  readonly variant: number;
}

export const mutationPlans = (kind: InputKind): fc.Arbitrary<MutationPlan> =>
  fc.record({
    sample: fc.nat({ max: kind.samples.length - 1 }),
    mutation: fc.constantFrom(...MUTATIONS),
    target: fc.nat(),
    variant: fc.nat(),
  });

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/**
 * Applies `plan` to a copy of the sample's document. Returns the broken document and a label for
 * failure messages; when the document has nothing the mutation could break (no number to make
 * NaN, say), it falls back to a wrong type at the chosen place, which is always malformed.
 */
export function applyMutation(kind: InputKind, plan: MutationPlan): { document: unknown; label: string } {
  const sample = kind.samples[plan.sample]!;
  const document = structuredClone(sample.document) as Json;
  const places = locate(document).filter((p) => p.path.length > 0);
  const keyOf = (p: Located) => p.path.at(-1);
  const wrongType = (): string => {
    const place = pick(places, plan.target)!;
    setAt(document, place.path, otherType(place.value, plan.variant));
    return `wrong type at ${place.path.join('.')}`;
  };
  const label = ((): string => {
    switch (plan.mutation) {
      case 'wrong-type':
        return wrongType();
      case 'delete-required': {
        const place = pick(places.filter((p) => typeof keyOf(p) === 'string' && kind.requiredKeys.includes(keyOf(p) as string)), plan.target);
        if (!place) return wrongType();
        delete parentOf(document, place.path)[keyOf(place)!];
        return `deleted ${place.path.join('.')}`;
      }
      case 'not-a-finite-number': {
        const place = pick(places.filter((p) => typeof p.value === 'number'), plan.target);
        if (!place) return wrongType();
        setAt(document, place.path, [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][plan.variant % 3]);
        return `non-finite number at ${place.path.join('.')}`;
      }
      case 'dangling-reference':
      case 'huge-dangling-reference': {
        const references = places.filter((p) => typeof p.value === 'string' && kind.references.some((pattern) => pattern.test(p.path.join('.'))));
        const place = pick(references, plan.target);
        if (!place) return wrongType();
        setAt(document, place.path, plan.mutation === 'huge-dangling-reference' ? HUGE : `no-such-thing-${plan.variant % 1000}`);
        return `${plan.mutation} at ${place.path.join('.')}`;
      }
      case 'duplicate-id': {
        const arrays = places.filter(
          (p) =>
            Array.isArray(p.value) &&
            kind.uniqueIdArrays.includes(String(keyOf(p))) &&
            p.value.filter((item) => typeof item === 'object' && item !== null && 'id' in item).length >= 2,
        );
        const place = pick(arrays, plan.target);
        if (!place) return wrongType();
        const items = place.value as Array<{ id: unknown }>;
        const from = plan.variant % items.length;
        const to = (from + 1 + (Math.floor(plan.variant / items.length) % (items.length - 1))) % items.length;
        items[to]!.id = items[from]!.id;
        return `duplicate id ${String(items[from]!.id)} in ${place.path.join('.')}`;
      }
      case 'prototype-key': {
        const objects = [{ path: [], value: document }, ...places].filter(
          (p) => typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value),
        );
        const place = pick(objects, plan.target)!;
        const key = ['__proto__', 'constructor', 'prototype'][plan.variant % 3]!;
        const polluted = plan.variant % 2 === 0 ? { polluted: true } : 'polluted';
        Object.defineProperty(place.value, key, { value: polluted, enumerable: true, writable: true, configurable: true });
        return `key ${key} added at ${place.path.join('.') || '$'}`;
      }
      case 'wrong-format-version': {
        const versions: unknown[] = [0, -1, 99, 1.5, '1', null, undefined];
        const version = versions[plan.variant % versions.length];
        if (version === undefined) delete (document as Record<string, unknown>).formatVersion;
        else (document as Record<string, unknown>).formatVersion = version;
        return `formatVersion ${String(version)}`;
      }
      case 'not-an-object':
        return 'not an object';
    }
  })();
  if (plan.mutation === 'not-an-object') {
    return { document: [null, [], 'a scenario', 12, true][plan.variant % 5], label };
  }
  return { document, label };
}
