import type { AnswerKey } from '../domain/answer-key-schema';
import type { Problem } from '../domain/problem';
import type { Scenario } from '../domain/scenario-schema';
import type { StudioRepo } from '../store/studio-repo';
import type { ScenarioCatalogue, ScenarioSummary } from '../ui/app-services';

/** The library as the trainee sees it: the bundled scenarios and the authored ones, and where authored audio is served from. */
export interface ComposedCatalogue {
  readonly catalogue: ScenarioCatalogue;
  /** The object URL holding an authored clip's audio, for the call audio (`resolveUrl`), or undefined for bundled files. */
  readonly audioUrl: (src: string) => string | undefined;
  /** Serves these bytes for `src` from now on (a draft's audio in a studio preview). */
  readonly addAudio: (src: string, bytes: Uint8Array, type: string) => void;
}

/**
 * Composes the bundled catalogue with the scenarios published in the studio or imported from
 * packs (the latest version of each). A bundled scenario wins over an authored one with the
 * same id (publishing and importing refuse such ids, so this only matters if a later release
 * bundles one). Loading an authored scenario makes object URLs for its audio (kept in IndexedDB)
 * and keeps them for the session (the repository, with its record schemas, loads on first use, off
 * the first load); each version's files have their own names, so a cached
 * recording of version 1 is never played for version 2.
 */
export function createComposedCatalogue(bundled: ScenarioCatalogue, bundledIds: ReadonlySet<string>, loadRepo: () => Promise<StudioRepo>): ComposedCatalogue {
  const urls = new Map<string, string>();

  async function loadAuthored(scenarioId: string, version: number | undefined): Promise<Scenario | undefined> {
    const repo = await loadRepo();
    // The version asked for when it is kept, else the latest.
    const record = (version !== undefined ? await repo.getAuthored(scenarioId, version) : undefined) ?? (await repo.getAuthored(scenarioId));
    if (!record) return undefined;
    const media = await repo.mediaFor(record.scenarioId, record.version);
    for (const item of media) {
      if (!urls.has(item.src)) urls.set(item.src, URL.createObjectURL(new Blob([item.bytes as Uint8Array<ArrayBuffer>], { type: item.type })));
    }
    return record.scenario;
  }

  const catalogue: ScenarioCatalogue = {
    async list() {
      const [library, authored] = await Promise.all([bundled.list(), loadRepo().then((repo) => repo.listLatest())]);
      const problems: Problem[] = [...library.problems];
      const summaries: ScenarioSummary[] = [];
      for (const record of authored.scenarios) {
        if (bundledIds.has(record.scenarioId)) {
          problems.push({ file: `authored scenario ${record.scenarioId}`, path: '$.id', message: 'a library scenario has the same id, so the authored one is hidden' });
          continue;
        }
        summaries.push({ id: record.scenarioId, version: record.version, ...record.scenario.metadata });
      }
      for (const unreadable of authored.unreadable) problems.push({ file: `authored scenario ${unreadable.id}`, path: '$', message: unreadable.reason });
      const scenarios = [...library.scenarios, ...summaries].sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
      return { scenarios, problems };
    },
    async load(scenarioId, version) {
      if (bundledIds.has(scenarioId)) return bundled.load(scenarioId);
      const scenario = await loadAuthored(scenarioId, version);
      return scenario ?? bundled.load(scenarioId);
    },
    policyFor: (scenario) => bundled.policyFor(scenario),
    policy: (policyId) => bundled.policy(policyId),
    async answerKey(scenarioId, version): Promise<AnswerKey> {
      if (bundledIds.has(scenarioId)) return bundled.answerKey(scenarioId);
      const repo = await loadRepo();
      // The key of the version the call was played with: publishing mid-call must not change the marking.
      const record = (version !== undefined ? await repo.getAuthored(scenarioId, version) : undefined) ?? (await repo.getAuthored(scenarioId));
      return record ? record.answerKey : bundled.answerKey(scenarioId);
    },
  };
  return {
    catalogue,
    audioUrl: (src) => urls.get(src),
    addAudio: (src, bytes, type) => {
      const old = urls.get(src);
      if (old) URL.revokeObjectURL(old);
      urls.set(src, URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type })));
    },
  };
}
