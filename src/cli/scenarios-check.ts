/**
 * `npm run scenarios:check [folders or scenario.json files]`: validates every scenario and its
 * answer key (see checkScenarioPackage) and prints each problem as `file $.json.path: reason`.
 * Exits 1 on any problem, so CI and trainers' tooling can rely on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkScenarioPackage } from '../domain/scenario-check';
import { formatProblem, type Problem } from '../domain/problem';
import { ASSETS_DIR, checkPlaces, findScenarioFolders, loadForcePolicies, readJsonFile } from './scenario-files';
import { runSurgeDrillsCheck } from './surge-drills-check';

export function runScenariosCheck(root: string, args: readonly string[], print: (line: string) => void): number {
  const { policies, problems: policyProblems } = loadForcePolicies(root);
  const problems: Problem[] = [...policyProblems, ...checkPlaces(root)];
  const folders = findScenarioFolders(root, args);
  if (folders.length === 0) {
    print('No scenarios found: each scenario is a folder under scenarios/ holding scenario.json and answer-key.json.');
    return 1;
  }
  let passed = 0;
  for (const folder of folders) {
    const relative = (name: string) => path.relative(root, path.join(folder, name)) || name;
    const scenarioFile = relative('scenario.json');
    const answerKeyFile = relative('answer-key.json');
    const scenario = readJsonFile(path.join(folder, 'scenario.json'));
    const keyPath = path.join(folder, 'answer-key.json');
    const answerKey = fs.existsSync(keyPath) ? readJsonFile(keyPath) : { json: undefined };
    const readProblems = [scenario.problem, 'problem' in answerKey ? answerKey.problem : undefined]
      .filter((p): p is Problem => p !== undefined)
      .map((p) => ({ ...p, file: path.relative(root, p.file) }));
    if (readProblems.length > 0) {
      problems.push(...readProblems);
      print(`✗ ${path.relative(root, folder)}`);
      continue;
    }
    const result = checkScenarioPackage({
      scenarioFile,
      scenario: scenario.json,
      answerKeyFile,
      answerKey: answerKey.json,
      policies,
      audioExists: (src) => fs.existsSync(path.join(root, ASSETS_DIR, src)),
    });
    problems.push(...result.problems);
    if (result.problems.length === 0) {
      passed += 1;
      print(`✓ ${path.relative(root, folder)}: valid; the expert answer scores ${result.expertPercent?.toFixed(0)}%`);
    } else {
      print(`✗ ${path.relative(root, folder)}`);
    }
  }
  for (const problem of problems) print(`  ${formatProblem(problem)}`);
  print(`${passed} passed, ${folders.length - passed} failed`);
  // Surge drills are checked with every full run (not when specific scenario folders are named).
  const drills = args.length === 0 ? runSurgeDrillsCheck(root, print) : 0;
  return problems.length === 0 && drills === 0 ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  process.exitCode = runScenariosCheck(process.cwd(), process.argv.slice(2), (line) => console.log(line));
}
