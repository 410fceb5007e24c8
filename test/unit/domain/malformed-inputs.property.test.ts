/**
 * Property tests: thousands of malformed scenarios, answer keys and force policies (mutations of
 * the real bundled files) are each rejected with located problems, and nothing throws.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForcePolicy, type ForcePolicy } from '../../../src/domain/force-policy-schema';
import type { Problem } from '../../../src/domain/problem';
import { checkForcePolicyFile, checkScenarioPackage } from '../../../src/domain/scenario-check';
import { applyMutation, locate, mutationPlans, type InputKind } from './malformed-input';

const repo = path.join(import.meta.dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));
const scenarioIds = fs
  .readdirSync(path.join(repo, 'scenarios'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(repo, 'scenarios', entry.name, 'scenario.json')))
  .map((entry) => entry.name)
  .sort();
const policyFiles = fs
  .readdirSync(path.join(repo, 'scenarios/force-policies'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => `scenarios/force-policies/${name}`);
const policies = new Map<string, ForcePolicy>(
  policyFiles.map((file) => {
    const policy = parseForcePolicy(readJson(file), file);
    return [policy.id, policy];
  }),
);
const packageFiles = (id: string) => ({
  scenarioFile: `scenarios/${id}/scenario.json`,
  scenario: readJson(`scenarios/${id}/scenario.json`),
  answerKeyFile: `scenarios/${id}/answer-key.json`,
  answerKey: readJson(`scenarios/${id}/answer-key.json`),
  policies,
  audioExists: () => true,
});

/** Every kind of untrusted file call-trainer reads. A new kind (packs, backups) is one entry. */
const inputKinds: InputKind[] = [
  {
    name: 'scenario',
    samples: scenarioIds.map((id) => {
      const files = packageFiles(id);
      return { file: files.scenarioFile, document: files.scenario, check: (scenario) => checkScenarioPackage({ ...files, scenario }).problems };
    }),
    references: [/^callGraph\.start$/, /^callGraph\.nodes\.\d+\.(clip|next)$/, /\.options\.\d+\.next$/, /^forcePolicy$/, /\.transcript\.\d+\.speaker$/],
    requiredKeys: ['formatVersion', 'id', 'version', 'metadata', 'title', 'summary', 'callGraph', 'start', 'nodes', 'kind', 'clips', 'transcript', 'captions', 'options', 'prompt', 'text'],
    uniqueIdArrays: ['nodes', 'clips', 'options', 'speakers'],
    runs: 600,
  },
  {
    name: 'answer key',
    samples: scenarioIds.map((id) => {
      const files = packageFiles(id);
      return { file: files.answerKeyFile, document: files.answerKey, check: (answerKey) => checkScenarioPackage({ ...files, answerKey }).problems };
    }),
    references: [/(^|\.)(expected|clip|scenarioId|action)$/, /\.(acceptable|optionIds)\.\d+$/],
    requiredKeys: ['formatVersion', 'scenarioId', 'thrive', 'grade', 'expected', 'rationale', 'safeguardingActions', 'keyQuestions', 'question', 'reason'],
    uniqueIdArrays: ['keyQuestions', 'criticalMisses'],
    runs: 500,
  },
  {
    name: 'force policy',
    samples: policyFiles.map((file) => ({ file, document: readJson(file), check: (json) => checkForcePolicyFile(file, json).problems })),
    references: [],
    requiredKeys: ['formatVersion', 'id', 'name', 'grades', 'framework', 'elements', 'ratingScale', 'safeguardingActions', 'label'],
    uniqueIdArrays: ['grades', 'elements', 'ratingScale', 'safeguardingActions'],
    runs: 300,
  },
];

/**
 * At least one problem names the broken file; each names a file of the package (a broken
 * scenario can also leave its key pointing at nothing), a JSON path and a reason.
 */
function expectLocated(problems: readonly Problem[], file: string, label: string) {
  expect(problems.length, `${label}: accepted, but it is malformed`).toBeGreaterThan(0);
  expect(problems.map((p) => p.file), `${label}: no problem names the broken file`).toContain(file);
  const folder = path.dirname(file);
  for (const problem of problems) {
    expect(path.dirname(problem.file), label).toBe(folder);
    expect(problem.path, label).toMatch(/^\$/);
    expect(problem.message.trim().length, label).toBeGreaterThan(0);
  }
}

describe('malformed files are rejected with located problems, never a crash', () => {
  it('generates at least 1,000 malformed files in all', () => {
    expect(inputKinds.reduce((sum, kind) => sum + kind.runs, 0)).toBeGreaterThanOrEqual(1000);
  });

  it.each(inputKinds.map((kind) => [kind.name, kind] as const))('every bundled %s is accepted as it is', (_name, kind) => {
    for (const sample of kind.samples) expect(sample.check(sample.document)).toEqual([]);
  });

  it.each(inputKinds.map((kind) => [kind.name, kind] as const))('%s', (_name, kind) => {
    fc.assert(
      fc.property(mutationPlans(kind), (plan) => {
        const sample = kind.samples[plan.sample]!;
        const { document, label } = applyMutation(kind, plan);
        let problems: readonly Problem[] = [];
        expect(() => (problems = sample.check(document)), `${label}: threw instead of reporting`).not.toThrow();
        expectLocated(problems, sample.file, `${sample.file}, ${label}`);
      }),
      { numRuns: kind.runs, seed: Number(process.env.FC_SEED ?? 8_2026) },
    );
  }, 120_000);

  it.each(inputKinds.map((kind) => [kind.name, kind] as const))('a %s with huge text anywhere is checked without a crash', (_name, kind) => {
    fc.assert(
      fc.property(fc.nat({ max: kind.samples.length - 1 }), fc.nat(), (sampleIndex, target) => {
        const sample = kind.samples[sampleIndex]!;
        const document = structuredClone(sample.document);
        const strings = locate(document).filter((p) => typeof p.value === 'string' && p.path.length > 0);
        const place = strings[target % strings.length]!;
        let parent = document as Record<string | number, unknown>;
        for (const segment of place.path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
        parent[place.path.at(-1)!] = `${String(place.value)} ${'<script>'.repeat(25_000)}`;
        let problems: readonly Problem[] = [];
        expect(() => (problems = sample.check(document))).not.toThrow();
        // Accepted (free text may be long) or refused with located problems; never a crash.
        for (const problem of problems) expect(problem.path).toMatch(/^\$/);
      }),
      { numRuns: 100, seed: 8_2026 },
    );
  }, 120_000);
});
