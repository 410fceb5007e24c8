/**
 * Checks every call-surge drill under scenarios/surge-drills/ (see checkSurgeDrill): each folder
 * holds drill.json and answer-key.json, and its name is the drill's id. Prints a line per drill
 * and each problem as `file $.json.path: reason`; returns 1 on any problem. Called from
 * `npm run scenarios:check`; run alone with `tsx src/cli/surge-drills-check.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatProblem, type Problem } from '../domain/problem';
import { checkSurgeDrill } from '../domain/surge-drill-check';
import { readJsonFile, SCENARIOS_DIR } from './scenario-files';

export const SURGE_DRILLS_DIR = path.join(SCENARIOS_DIR, 'surge-drills');

export function runSurgeDrillsCheck(root: string, print: (line: string) => void): number {
  const dir = path.join(root, SURGE_DRILLS_DIR);
  const folders = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  if (folders.length === 0) {
    print(`No call-surge drills under ${SURGE_DRILLS_DIR}/.`);
    return 0;
  }
  const problems: Problem[] = [];
  let passed = 0;
  for (const folder of folders) {
    const files = { drill: path.join(SURGE_DRILLS_DIR, folder, 'drill.json'), key: path.join(SURGE_DRILLS_DIR, folder, 'answer-key.json') };
    const found: Problem[] = [];
    const drill = readJsonFile(path.join(root, files.drill));
    const keyPath = path.join(root, files.key);
    const key = fs.existsSync(keyPath) ? readJsonFile(keyPath) : { json: undefined };
    for (const [file, read] of [
      [files.drill, drill],
      [files.key, key],
    ] as const) {
      if ('problem' in read && read.problem) found.push({ ...read.problem, file });
    }
    if (found.length === 0) {
      const result = checkSurgeDrill(drill.json, key.json, files);
      found.push(...result.problems);
      if (result.drill && result.drill.id !== folder) {
        found.push({ file: files.drill, path: '$.id', message: `id "${result.drill.id}" does not match its folder "${folder}"` });
      }
      if (found.length === 0) {
        passed += 1;
        print(`✓ ${path.join(SURGE_DRILLS_DIR, folder)}: valid; the expert's order scores ${result.expertPercent?.toFixed(0)}%`);
      }
    }
    if (found.length > 0) print(`✗ ${path.join(SURGE_DRILLS_DIR, folder)}`);
    problems.push(...found);
  }
  for (const problem of problems) print(`  ${formatProblem(problem)}`);
  print(`${passed} drill(s) passed, ${folders.length - passed} failed`);
  return problems.length === 0 ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  process.exitCode = runSurgeDrillsCheck(process.cwd(), (line) => console.log(line));
}
