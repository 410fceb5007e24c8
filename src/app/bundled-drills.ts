import { parseForcePolicy } from '../domain/force-policy-schema';
import { FormatError } from '../domain/problem';
import { byFolder, createFolderLoader, displayPath, loadAllOrReport, type Loader } from './bundled-files';
import type { SurgeBands } from '../domain/surge-drill-scoring';
import { parseSurgeDrill, parseSurgeDrillKey, type SurgeDrillKey } from '../domain/surge-drill-schema';
import type { DrillCatalogue, SurgeDrillSummary } from '../ui/app-services';

// Each file is its own lazily loaded chunk: a drill's answer key is fetched only after the drill
// is submitted, so the expert's order is not in memory while the trainee works the queue.
const drillFiles = import.meta.glob<unknown>('../../scenarios/surge-drills/*/drill.json', { import: 'default' });
const drillKeyFiles = import.meta.glob<unknown>('../../scenarios/surge-drills/*/answer-key.json', { import: 'default' });
const defaultPolicyFiles = import.meta.glob<unknown>('../../scenarios/force-policies/national-call-handling-standards.json', { import: 'default' });

/** The force policy whose compliance bands drills are banded by. */
export const DRILL_POLICY_ID = 'national-call-handling-standards';

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
  let bands: Promise<SurgeBands> | undefined;
  const load = createFolderLoader(drills, parseSurgeDrill, (id) => `There is no call-surge drill "${id}".`);

  return {
    async list() {
      const { items, problems } = await loadAllOrReport(drills.keys(), load, (drill): SurgeDrillSummary => ({
        id: drill.id,
        version: drill.version,
        title: drill.title,
        summary: drill.summary,
        difficulty: drill.difficulty,
        contentWarnings: drill.contentWarnings,
        callCount: drill.calls.length,
      }));
      items.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
      return { drills: items, problems };
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
