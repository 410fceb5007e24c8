import { parseForcePolicy } from '../domain/force-policy-schema';
import { FormatError, type Problem } from '../domain/problem';
import type { SurgeBands } from '../domain/surge-drill-scoring';
import { parseSurgeDrill, parseSurgeDrillKey, type SurgeDrill, type SurgeDrillKey } from '../domain/surge-drill-schema';
import type { DrillCatalogue, SurgeDrillSummary } from '../ui/app-services';

type Loader = () => Promise<unknown>;

// Each file is its own lazily loaded chunk: a drill's answer key is fetched only after the drill
// is submitted, so the expert's order is not in memory while the trainee works the queue.
const drillFiles = import.meta.glob<unknown>('../../scenarios/surge-drills/*/drill.json', { import: 'default' });
const drillKeyFiles = import.meta.glob<unknown>('../../scenarios/surge-drills/*/answer-key.json', { import: 'default' });
const defaultPolicyFiles = import.meta.glob<unknown>('../../scenarios/force-policies/national-call-handling-standards.json', { import: 'default' });

/** The force policy whose compliance bands drills are banded by. */
export const DRILL_POLICY_ID = 'national-call-handling-standards';

/** "../../scenarios/surge-drills/x/drill.json" → "scenarios/surge-drills/x/drill.json" */
const displayPath = (globPath: string) => globPath.replace(/^(\.\.\/)+/, '');

function byFolder(files: Record<string, Loader>): Map<string, { file: string; load: Loader }> {
  const map = new Map<string, { file: string; load: Loader }>();
  for (const [path, load] of Object.entries(files)) {
    const folder = path.split('/').at(-2);
    if (folder) map.set(folder, { file: displayPath(path), load });
  }
  return map;
}

/**
 * The call-surge drills shipped in scenarios/surge-drills/, parsed at the boundary: a file that
 * fails its schema is reported with its path and reason and left out, never half-shown.
 */
export function createBundledDrills(
  sources: { drills: Record<string, Loader>; answerKeys: Record<string, Loader>; policies: Record<string, Loader> } = {
    drills: drillFiles,
    answerKeys: drillKeyFiles,
    policies: defaultPolicyFiles,
  },
): DrillCatalogue {
  const drills = byFolder(sources.drills);
  const answerKeys = byFolder(sources.answerKeys);
  const parsed = new Map<string, Promise<SurgeDrill>>();
  let bands: Promise<SurgeBands> | undefined;

  const load = (drillId: string): Promise<SurgeDrill> => {
    const cached = parsed.get(drillId);
    if (cached) return cached;
    const entry = drills.get(drillId);
    if (!entry) return Promise.reject(new Error(`There is no call-surge drill "${drillId}".`));
    const drill = entry.load().then((json) => {
      const result = parseSurgeDrill(json, entry.file);
      if (result.id !== drillId) {
        throw new FormatError([{ file: entry.file, path: '$.id', message: `id "${result.id}" does not match its folder "${drillId}"` }]);
      }
      return result;
    });
    drill.catch(() => parsed.delete(drillId));
    parsed.set(drillId, drill);
    return drill;
  };

  return {
    async list() {
      const summaries: SurgeDrillSummary[] = [];
      const problems: Problem[] = [];
      await Promise.all(
        [...drills.keys()].map(async (id) => {
          try {
            const { version, title, summary, difficulty, contentWarnings, calls } = await load(id);
            summaries.push({ id, version, title, summary, difficulty, contentWarnings, callCount: calls.length });
          } catch (error) {
            if (error instanceof FormatError) problems.push(...error.problems);
            else throw error;
          }
        }),
      );
      summaries.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
      return { drills: summaries, problems };
    },
    load,
    async answerKey(drillId): Promise<SurgeDrillKey> {
      const entry = answerKeys.get(drillId);
      if (!entry) throw new Error(`Drill "${drillId}" has no answer key, so it cannot be scored.`);
      const key = parseSurgeDrillKey(await entry.load(), entry.file);
      if (key.drillId !== drillId) {
        throw new FormatError([{ file: entry.file, path: '$.drillId', message: `"${key.drillId}" is not this drill: it is "${drillId}"` }]);
      }
      return key;
    },
    bands() {
      bands ??= (async () => {
        const [file, loader] = Object.entries(sources.policies)[0] ?? [];
        if (!file || !loader) throw new Error(`Force policy "${DRILL_POLICY_ID}" is not installed, so drills cannot be banded.`);
        const policy = parseForcePolicy(await loader(), displayPath(file));
        return { bands: policy.scoring.bands, criticalMissBand: policy.scoring.criticalMissBand };
      })();
      return bands;
    },
  };
}
