import { parseAnswerKey, type AnswerKey } from '../domain/answer-key-schema';
import { parseForcePolicy, type ForcePolicy } from '../domain/force-policy-schema';
import { FormatError, type Problem } from '../domain/problem';
import { parseScenario, type Scenario } from '../domain/scenario-schema';
import type { ScenarioCatalogue, ScenarioSummary } from '../ui/app-services';

type Loader = () => Promise<unknown>;

// Each file is its own lazily loaded chunk: answer keys are fetched only after a call is
// submitted, so nothing of the expert's answer is in memory while the trainee is on the call.
const scenarioFiles = import.meta.glob<unknown>('../../scenarios/*/scenario.json', { import: 'default' });
const answerKeyFiles = import.meta.glob<unknown>('../../scenarios/*/answer-key.json', { import: 'default' });
const policyFiles = import.meta.glob<unknown>('../../scenarios/force-policies/*.json', { import: 'default' });

/** "../../scenarios/dv-whispered-999/scenario.json" → "scenarios/dv-whispered-999/scenario.json" */
const displayPath = (globPath: string) => globPath.replace(/^(\.\.\/)+/, '');

function byFolder(files: Record<string, Loader>): Map<string, { file: string; load: Loader }> {
  const map = new Map<string, { file: string; load: Loader }>();
  for (const [path, load] of Object.entries(files)) {
    const folder = path.split('/').at(-2);
    if (folder) map.set(folder, { file: displayPath(path), load });
  }
  return map;
}

function byFileStem(files: Record<string, Loader>): Map<string, { file: string; load: Loader }> {
  const map = new Map<string, { file: string; load: Loader }>();
  for (const [path, load] of Object.entries(files)) {
    const stem = path.split('/').at(-1)?.replace(/\.json$/, '');
    if (stem) map.set(stem, { file: displayPath(path), load });
  }
  return map;
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
  const parsedScenarios = new Map<string, Promise<Scenario>>();
  const parsedPolicies = new Map<string, Promise<ForcePolicy>>();

  const load = (scenarioId: string): Promise<Scenario> => {
    const cached = parsedScenarios.get(scenarioId);
    if (cached) return cached;
    const entry = scenarios.get(scenarioId);
    if (!entry) return Promise.reject(new Error(`There is no scenario "${scenarioId}" in the library.`));
    const parsed = entry.load().then((json) => {
      const scenario = parseScenario(json, entry.file);
      if (scenario.id !== scenarioId) {
        throw new FormatError([{ file: entry.file, path: '$.id', message: `id "${scenario.id}" does not match its folder "${scenarioId}"` }]);
      }
      return scenario;
    });
    parsed.catch(() => parsedScenarios.delete(scenarioId));
    parsedScenarios.set(scenarioId, parsed);
    return parsed;
  };

  return {
    async list() {
      const summaries: ScenarioSummary[] = [];
      const problems: Problem[] = [];
      await Promise.all(
        [...scenarios.keys()].map(async (id) => {
          try {
            const scenario = await load(id);
            summaries.push({ id: scenario.id, version: scenario.version, ...scenario.metadata });
          } catch (error) {
            if (error instanceof FormatError) problems.push(...error.problems);
            else throw error;
          }
        }),
      );
      summaries.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
      return { scenarios: summaries, problems };
    },
    load,
    policyFor(scenario) {
      const cached = parsedPolicies.get(scenario.forcePolicy);
      if (cached) return cached;
      const entry = policies.get(scenario.forcePolicy);
      if (!entry) return Promise.reject(new Error(`Scenario "${scenario.id}" uses force policy "${scenario.forcePolicy}", which is not installed.`));
      const parsed = entry.load().then((json) => parseForcePolicy(json, entry.file));
      parsedPolicies.set(scenario.forcePolicy, parsed);
      return parsed;
    },
    async answerKey(scenarioId): Promise<AnswerKey> {
      const entry = answerKeys.get(scenarioId);
      if (!entry) throw new Error(`Scenario "${scenarioId}" has no answer key, so it cannot be scored.`);
      return parseAnswerKey(await entry.load(), entry.file);
    },
  };
}
