import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenariosCheck } from '../../../src/cli/scenarios-check';

const repo = path.join(import.meta.dirname, '../../..');
const temporaryRoots: string[] = [];

/** A copy of the bundled library (scenarios, policies, audio) in a temp folder, to break at will. */
function copyOfLibrary(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scenarios-check-'));
  temporaryRoots.push(root);
  fs.cpSync(path.join(repo, 'scenarios'), path.join(root, 'scenarios'), { recursive: true });
  fs.cpSync(path.join(repo, 'assets'), path.join(root, 'assets'), { recursive: true });
  return root;
}

function run(root: string, args: string[] = []): { code: number; output: string } {
  const lines: string[] = [];
  const code = runScenariosCheck(root, args, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

function editJson(file: string, change: (json: any) => void): void {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

afterEach(() => {
  for (const root of temporaryRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe('npm run scenarios:check', () => {
  it('passes the bundled library, with the expert answer at full marks', () => {
    const { code, output } = run(repo);
    expect(output).toMatch(/✓ scenarios\/dv-whispered-999: valid; the expert answer scores 100%/);
    expect(output).toMatch(/\d+ passed, 0 failed/);
    expect(code).toBe(0);
  });

  it('fails a broken copy, naming the file, the field and the reason', () => {
    const root = copyOfLibrary();
    editJson(path.join(root, 'scenarios/dv-whispered-999/answer-key.json'), (key) => {
      key.grade.expected = 'grade-one';
    });
    editJson(path.join(root, 'scenarios/dv-whispered-999/scenario.json'), (scenario) => {
      scenario.metadata.difficulty = 'easy';
    });
    const { code, output } = run(root);
    expect(code).toBe(1);
    expect(output).toContain('scenarios/dv-whispered-999/scenario.json $.metadata.difficulty:');
    expect(output).toContain('✗ scenarios/dv-whispered-999');
  });

  it('reports answer-key errors once the scenario itself is valid', () => {
    const root = copyOfLibrary();
    editJson(path.join(root, 'scenarios/dv-whispered-999/answer-key.json'), (key) => {
      key.grade.expected = 'grade-one';
    });
    const { code, output } = run(root, ['scenarios/dv-whispered-999']);
    expect(code).toBe(1);
    expect(output).toMatch(/scenarios\/dv-whispered-999\/answer-key.json \$\.grade\.expected: "grade-one" is not a grade of the policy/);
  });

  it('reports a missing audio file and malformed JSON with their files', () => {
    const root = copyOfLibrary();
    const audioDir = path.join(root, 'assets/audio/dv-whispered-999');
    const firstWebm = fs.readdirSync(audioDir).find((f) => f.endsWith('.webm'));
    fs.rmSync(path.join(audioDir, firstWebm!));
    fs.mkdirSync(path.join(root, 'scenarios/half-written'));
    fs.writeFileSync(path.join(root, 'scenarios/half-written/scenario.json'), '{ "formatVersion": 1, ');
    const { code, output } = run(root);
    expect(code).toBe(1);
    expect(output).toContain(`does not exist`);
    expect(output).toContain(`audio/dv-whispered-999/${firstWebm}`);
    expect(output).toMatch(/scenarios\/half-written\/scenario.json \$: not valid JSON/);
  });

  it('refuses a scenario from a newer format version with a clear message', () => {
    const root = copyOfLibrary();
    editJson(path.join(root, 'scenarios/dv-whispered-999/scenario.json'), (scenario) => {
      scenario.formatVersion = 99;
    });
    const { output } = run(root);
    expect(output).toMatch(/scenario.json \$\.formatVersion: this scenario uses format version 99, newer than this version of call-trainer understands/);
  });
});
