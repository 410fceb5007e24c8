import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSurgeDrillsCheck } from '../../../src/cli/surge-drills-check';

const repo = path.join(import.meta.dirname, '../../..');
const temporaryRoots: string[] = [];

function copyOfDrills(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'surge-drills-check-'));
  temporaryRoots.push(root);
  fs.cpSync(path.join(repo, 'scenarios/surge-drills'), path.join(root, 'scenarios/surge-drills'), { recursive: true });
  return root;
}

function run(root: string): { code: number; output: string } {
  const lines: string[] = [];
  const code = runSurgeDrillsCheck(root, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

afterEach(() => {
  for (const root of temporaryRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe('runSurgeDrillsCheck', () => {
  it('passes the bundled drills, with the expert order at full marks', () => {
    const { code, output } = run(repo);
    expect(output).toContain('✓ scenarios/surge-drills/evening-surge: valid; the expert\'s order scores 100%');
    expect(output).toMatch(/\d+ drill\(s\) passed, 0 failed/);
    expect(code).toBe(0);
  });

  it('fails a broken copy, naming the file, the field and the reason', () => {
    const root = copyOfDrills();
    const keyFile = path.join(root, 'scenarios/surge-drills/evening-surge/answer-key.json');
    const key = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    key.mustCallBack[0].callId = 'car-alarm-101';
    fs.writeFileSync(keyFile, JSON.stringify(key));
    const { code, output } = run(root);
    expect(code).toBe(1);
    expect(output).toContain('✗ scenarios/surge-drills/evening-surge');
    expect(output).toContain('scenarios/surge-drills/evening-surge/answer-key.json $.mustCallBack[0].callId: "car-alarm-101" is not an abandoned call');
  });

  it('reports malformed JSON, a missing key and a folder that does not match the id', () => {
    const root = copyOfDrills();
    const folder = path.join(root, 'scenarios/surge-drills');
    fs.cpSync(path.join(folder, 'evening-surge'), path.join(folder, 'renamed'), { recursive: true });
    fs.rmSync(path.join(folder, 'renamed/answer-key.json'));
    fs.writeFileSync(path.join(folder, 'evening-surge/drill.json'), '{ not json');
    const { code, output } = run(root);
    expect(code).toBe(1);
    expect(output).toMatch(/scenarios\/surge-drills\/evening-surge\/drill\.json \$: not valid JSON/);
    expect(output).toContain('scenarios/surge-drills/renamed/answer-key.json $: answer key file is missing');
    expect(output).toContain('scenarios/surge-drills/renamed/drill.json $.id: id "evening-surge" does not match its folder "renamed"');
    expect(output).toContain('0 drill(s) passed, 2 failed');
  });

  it('passes when there are no drills at all', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'surge-drills-none-'));
    temporaryRoots.push(root);
    expect(run(root).code).toBe(0);
  });
});
