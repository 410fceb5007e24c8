import { pathSegments } from './problem-fields';

type Json = unknown;

/**
 * A copy of `root` with the value at `path` (`$.clips[0].captions[1].end`) replaced; `undefined`
 * removes an object's field. Only the objects along the path are copied.
 */
export function setAtPath(root: Json, path: string, value: unknown): Json {
  return setAt(root, pathSegments(path), value);
}

function setAt(node: Json, segments: readonly (string | number)[], value: unknown): Json {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = Array.isArray(node) ? [...(node as unknown[])] : [];
    list[head] = setAt(list[head], rest, value);
    return list;
  }
  const object: Record<string, unknown> = node && typeof node === 'object' && !Array.isArray(node) ? { ...(node as Record<string, unknown>) } : {};
  const next = setAt(object[head], rest, value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/** The value at `path`, or undefined. */
export function getAtPath(root: Json, path: string): unknown {
  let node: unknown = root;
  for (const segment of pathSegments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
