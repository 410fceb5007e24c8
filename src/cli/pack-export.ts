/**
 * `npm run pack:export -- <scenario-id>... --out <file.zip> [--title "..."] [--author "..."]`:
 * writes a pack of bundled scenarios (scenario, answer key, and everything under their
 * assets/audio/<id>/ and assets/media/<id>/ folders) after checking each with the checks of
 * `npm run scenarios:check`. Exits 1, writing nothing, if any scenario fails them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packFileRole } from '../domain/pack-layout';
import { packScenarioEntry, writePack } from '../domain/pack-write';
import { formatProblem } from '../domain/problem';
import { checkScenarioPackage } from '../domain/scenario-check';
import type { Scenario } from '../domain/scenario-schema';
import { ASSETS_DIR, SCENARIOS_DIR, loadForcePolicies, readJsonFile } from './scenario-files';

export interface PackExportArgs {
  readonly ids: string[];
  readonly out?: string;
  readonly title?: string;
  readonly author?: string;
}

/** Reads the command line: scenario ids, then `--out`, `--title`, `--author` with their values. */
export function parsePackExportArgs(args: readonly string[]): PackExportArgs | { error: string } {
  const ids: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--out' || arg === '--title' || arg === '--author') {
      const value = args[i + 1];
      if (value === undefined) return { error: `${arg} needs a value` };
      options[arg.slice(2)] = value;
      i += 1;
    } else if (arg.startsWith('--')) {
      return { error: `unknown option ${arg}` };
    } else {
      ids.push(arg);
    }
  }
  return { ids, ...options };
}

/** The files of one scenario as pack paths, read from the repository at `root`. */
export function scenarioPackFiles(root: string, id: string): { files: Map<string, Uint8Array>; skipped: string[] } {
  const files = new Map<string, Uint8Array>();
  const skipped: string[] = [];
  for (const name of ['scenario.json', 'answer-key.json']) {
    const packPath = `${SCENARIOS_DIR}/${id}/${name}`;
    files.set(packPath, fs.readFileSync(path.join(root, packPath)));
  }
  for (const kind of ['audio', 'media']) {
    const dir = path.join(root, ASSETS_DIR, kind, id);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const packPath = `${ASSETS_DIR}/${kind}/${id}/${entry.name}`;
      if (entry.isFile() && packFileRole(packPath)) files.set(packPath, fs.readFileSync(path.join(dir, entry.name)));
      else skipped.push(packPath);
    }
  }
  return { files, skipped };
}

export async function runPackExport(root: string, args: readonly string[], print: (line: string) => void, now: () => Date = () => new Date()): Promise<number> {
  const parsed = parsePackExportArgs(args);
  if ('error' in parsed || parsed.ids.length === 0 || !parsed.out) {
    print(`${'error' in parsed ? `${parsed.error}. ` : ''}Usage: npm run pack:export -- <scenario-id>... --out <file.zip> [--title "..."] [--author "..."]`);
    return 1;
  }
  const { policies, problems: policyProblems } = loadForcePolicies(root);
  for (const problem of policyProblems) print(`  ${formatProblem(problem)}`);
  const files = new Map<string, Uint8Array>();
  const scenarios: Scenario[] = [];
  let failed = false;
  for (const id of parsed.ids) {
    const folder = path.join(root, SCENARIOS_DIR, id);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || !fs.existsSync(path.join(folder, 'scenario.json'))) {
      print(`✗ ${id}: no scenario ${SCENARIOS_DIR}/${id}/scenario.json`);
      failed = true;
      continue;
    }
    const scenario = readJsonFile(path.join(folder, 'scenario.json'));
    const keyPath = path.join(folder, 'answer-key.json');
    const key = fs.existsSync(keyPath) ? readJsonFile(keyPath) : { json: undefined };
    const result = checkScenarioPackage({
      scenarioFile: `${SCENARIOS_DIR}/${id}/scenario.json`,
      scenario: scenario.json,
      answerKeyFile: `${SCENARIOS_DIR}/${id}/answer-key.json`,
      answerKey: key.json,
      policies,
      audioExists: (src) => fs.existsSync(path.join(root, ASSETS_DIR, src)),
    });
    const problems = [scenario.problem, 'problem' in key ? key.problem : undefined, ...result.problems].filter((p) => p !== undefined);
    if (problems.length > 0 || !result.scenario) {
      print(`✗ ${id}: fails scenarios:check, so it is not exported`);
      for (const problem of problems) print(`  ${formatProblem(problem)}`);
      failed = true;
      continue;
    }
    const own = scenarioPackFiles(root, id);
    for (const skipped of own.skipped) print(`  skipped ${skipped}: not a file type a pack may hold`);
    for (const [packPath, bytes] of own.files) files.set(packPath, bytes);
    scenarios.push(result.scenario);
  }
  if (failed) return 1;
  const bytes = await writePack(files, {
    title: parsed.title ?? `call-trainer scenarios: ${parsed.ids.join(', ')}`.slice(0, 200),
    author: parsed.author ?? 'call-trainer repository',
    createdAt: now().toISOString(),
    scenarios: scenarios.map(packScenarioEntry),
  });
  const out = path.resolve(root, parsed.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  const shown = path.relative(root, out).startsWith('..') ? out : path.relative(root, out);
  print(`✓ wrote ${shown}: ${scenarios.length} scenario(s), ${files.size + 1} files, ${(bytes.length / 1024).toFixed(1)} kB`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  process.exitCode = await runPackExport(process.cwd(), process.argv.slice(2), (line) => console.log(line));
}
