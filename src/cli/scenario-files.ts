import fs from 'node:fs';
import path from 'node:path';
import { checkForcePolicyFile } from '../domain/scenario-check';
import type { ForcePolicy } from '../domain/force-policy-schema';
import { FormatError, type Problem } from '../domain/problem';
import { parseCountyGazetteer } from '../domain/county-gazetteer-schema';

/** Where the bundled library lives, relative to the repository root. */
export const SCENARIOS_DIR = 'scenarios';
export const FORCE_POLICIES_DIR = path.join(SCENARIOS_DIR, 'force-policies');
export const ASSETS_DIR = 'assets';

/** Reads a JSON file, turning unreadable or malformed JSON into a located problem. */
export function readJsonFile(file: string): { json?: unknown; problem?: Problem } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { problem: { file, path: '$', message: `cannot read the file: ${(error as Error).message}` } };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: { file, path: '$', message: `not valid JSON: ${(error as Error).message}` } };
  }
}

export const PLACES_DIR = path.join(SCENARIOS_DIR, 'places');

/** Checks the county data file(s) under scenarios/places. */
export function checkPlaces(root: string): Problem[] {
  const dir = path.join(root, PLACES_DIR);
  if (!fs.existsSync(dir)) return [];
  const problems: Problem[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(PLACES_DIR, name);
    const { json, problem } = readJsonFile(path.join(root, file));
    if (problem) {
      problems.push({ ...problem, file });
      continue;
    }
    try {
      parseCountyGazetteer(json, file);
    } catch (error) {
      if (error instanceof FormatError) problems.push(...error.problems);
      else throw error;
    }
  }
  return problems;
}

/** Loads every force policy under scenarios/force-policies. */
export function loadForcePolicies(root: string): { policies: Map<string, ForcePolicy>; problems: Problem[] } {
  const policies = new Map<string, ForcePolicy>();
  const problems: Problem[] = [];
  const dir = path.join(root, FORCE_POLICIES_DIR);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const name of files) {
    const file = path.join(FORCE_POLICIES_DIR, name);
    const { json, problem } = readJsonFile(path.join(root, file));
    if (problem) {
      problems.push({ ...problem, file });
      continue;
    }
    const result = checkForcePolicyFile(file, json);
    problems.push(...result.problems);
    if (result.policy) policies.set(result.policy.id, result.policy);
  }
  return { policies, problems };
}

/**
 * The scenario folders to check: those named on the command line (a folder or its scenario.json),
 * or every folder under scenarios/ that holds a scenario.json.
 */
export function findScenarioFolders(root: string, args: readonly string[]): string[] {
  if (args.length > 0) {
    return args.map((arg) => {
      const absolute = path.resolve(root, arg);
      return path.basename(absolute) === 'scenario.json' ? path.dirname(absolute) : absolute;
    });
  }
  const dir = path.join(root, SCENARIOS_DIR);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'scenario.json')))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}
