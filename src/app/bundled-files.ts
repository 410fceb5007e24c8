import { FormatError, type Problem } from '../domain/problem';

/** A lazily loaded bundled JSON file (one chunk each, from `import.meta.glob`). */
export type Loader = () => Promise<unknown>;

export interface BundledFile {
  /** Where the file lives in the repository, for error messages: "scenarios/x/scenario.json". */
  readonly file: string;
  readonly load: Loader;
}

/** "../../scenarios/x/scenario.json" → "scenarios/x/scenario.json" */
export const displayPath = (globPath: string): string => globPath.replace(/^(\.\.\/)+/, '');

/** Bundled files keyed by the folder that holds them (a scenario's or a drill's id). */
export function byFolder(files: Record<string, Loader>): Map<string, BundledFile> {
  const map = new Map<string, BundledFile>();
  for (const [path, load] of Object.entries(files)) {
    const folder = path.split('/').at(-2);
    if (folder) map.set(folder, { file: displayPath(path), load });
  }
  return map;
}

/**
 * Loads and parses one bundled file per folder, once: the parsed value is shared by later calls,
 * a failed load is forgotten so a retry fetches again, and a file whose `id` is not its folder's
 * name is refused with a located problem.
 */
export function createFolderLoader<T extends { id: string }>(
  files: ReadonlyMap<string, BundledFile>,
  parse: (json: unknown, file: string) => T,
  missing: (id: string) => string,
): (id: string) => Promise<T> {
  const parsed = new Map<string, Promise<T>>();
  return (id) => {
    const cached = parsed.get(id);
    if (cached) return cached;
    const entry = files.get(id);
    if (!entry) return Promise.reject(new Error(missing(id)));
    const value = entry.load().then((json) => {
      const result = parse(json, entry.file);
      if (result.id !== id) {
        throw new FormatError([{ file: entry.file, path: '$.id', message: `id "${result.id}" does not match its folder "${id}"` }]);
      }
      return result;
    });
    value.catch(() => parsed.delete(id));
    parsed.set(id, value);
    return value;
  };
}

/**
 * Summaries of every bundled item that parses, and the located problems of those that do not:
 * one broken file is reported, never allowed to hide the rest.
 */
export async function loadAllOrReport<T, S>(ids: Iterable<string>, load: (id: string) => Promise<T>, summarise: (item: T) => S): Promise<{ items: S[]; problems: Problem[] }> {
  const items: S[] = [];
  const problems: Problem[] = [];
  await Promise.all(
    [...ids].map(async (id) => {
      try {
        items.push(summarise(await load(id)));
      } catch (error) {
        if (error instanceof FormatError) problems.push(...error.problems);
        else throw error;
      }
    }),
  );
  return { items, problems };
}
