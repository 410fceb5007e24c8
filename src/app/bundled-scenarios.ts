import type { AnswerKey } from '../domain/answer-key-schema';
import type { ForcePolicy } from '../domain/force-policy-schema';
import { byFolder, createFolderLoader, displayPath, loadAllOrReport, type BundledFile, type Loader } from './bundled-files';
import { parseScenario } from '../domain/scenario-schema';
import type { ScenarioCatalogue, ScenarioSummary } from '../ui/app-services';

// The force-policy schema loads with the first policy asked for (after a call, or for progress
// figures), not with the library's first page.
// Answer keys, like the policy schema, are needed only once a call is submitted.
const parseAnswerKey = async (json: unknown, file: string): Promise<AnswerKey> => (await import('../domain/answer-key-schema')).parseAnswerKey(json, file);
const parseForcePolicy = async (json: unknown, file: string): Promise<ForcePolicy> => (await import('../domain/force-policy-schema')).parseForcePolicy(json, file);

// Each file is its own lazily loaded chunk: answer keys are fetched only after a call is
// submitted, so nothing of the expert's answer is in memory while the trainee is on the call.
const scenarioFiles = import.meta.glob<unknown>('../../scenarios/*/scenario.json', { import: 'default' });
const answerKeyFiles = import.meta.glob<unknown>('../../scenarios/*/answer-key.json', { import: 'default' });
const policyFiles = import.meta.glob<unknown>('../../scenarios/force-policies/*.json', { import: 'default' });

function byFileStem(files: Record<string, Loader>): Map<string, BundledFile> {
  const map = new Map<string, BundledFile>();
  for (const [path, load] of Object.entries(files)) {
    const stem = path.split('/').at(-1)?.replace(/\.json$/, '');
    if (stem) map.set(stem, { file: displayPath(path), load });
  }
  return map;
}

/** The ids of the scenarios shipped in scenarios/ (their folders), without loading any. */
export function bundledScenarioIds(): ReadonlySet<string> {
  return new Set(byFolder(scenarioFiles).keys());
}

/** Every force policy shipped in scenarios/force-policies/, parsed; a broken one rejects with its problems. */
export async function loadBundledPolicies(): Promise<Map<string, ForcePolicy>> {
  const entries = await Promise.all(
    [...byFileStem(policyFiles).values()].map(async (entry) => parseForcePolicy(await entry.load(), entry.file)),
  );
  return new Map(entries.map((policy) => [policy.id, policy]));
}

/**
 * The scenarios shipped in scenarios/, parsed at the boundary: a file that fails its schema is
 * reported with its path and reason and left out, never half-shown.
 */
export function createBundledCatalogue(
  sources: { scenarios: Record<string, Loader>; answerKeys: Record<string, Loader>; policies: Record<string, Loader> } = {
    scenarios: scenarioFiles,
    answerKeys: answerKeyFiles,
    policies: policyFiles,
  },
): ScenarioCatalogue {
  const scenarios = byFolder(sources.scenarios);
  const answerKeys = byFolder(sources.answerKeys);
  const policies = byFileStem(sources.policies);
  const parsedPolicies = new Map<string, Promise<ForcePolicy>>();
  function policy(policyId: string, missing: string): Promise<ForcePolicy> {
    const cached = parsedPolicies.get(policyId);
    if (cached) return cached;
    const entry = policies.get(policyId);
    if (!entry) return Promise.reject(new Error(missing));
    const parsed = entry.load().then((json) => parseForcePolicy(json, entry.file));
    parsedPolicies.set(policyId, parsed);
    return parsed;
  }
  const load = createFolderLoader(scenarios, parseScenario, (id) => `There is no scenario "${id}" in the library.`);

  return {
    async list() {
      const { items, problems } = await loadAllOrReport(scenarios.keys(), load, (scenario): ScenarioSummary => ({
        id: scenario.id,
        version: scenario.version,
        ...scenario.metadata,
      }));
      items.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
      return { scenarios: items, problems };
    },
    load,
    policyFor(scenario) {
      return policy(scenario.forcePolicy, `Scenario "${scenario.id}" uses force policy "${scenario.forcePolicy}", which is not installed.`);
    },
    policy(policyId) {
      return policy(policyId, `Force policy "${policyId}" is not installed.`);
    },
    async answerKey(scenarioId): Promise<AnswerKey> {
      const entry = answerKeys.get(scenarioId);
      if (!entry) throw new Error(`Scenario "${scenarioId}" has no answer key, so it cannot be scored.`);
      return parseAnswerKey(await entry.load(), entry.file);
    },
  };
}
