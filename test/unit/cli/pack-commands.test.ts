import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { runPackCheck } from '../../../src/cli/pack-check';
import { parsePackExportArgs, runPackExport } from '../../../src/cli/pack-export';
import { runScenariosCheck } from '../../../src/cli/scenarios-check';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { packProblems, readPack } from '../../../src/domain/pack-read';
import { parseScenario } from '../../../src/domain/scenario-schema';
import { defaultPolicy } from '../../fixtures/default-policy';

const repo = path.join(import.meta.dirname, '../../..');
const ids = ['bike-theft-rwd-101', 'dv-whispered-999'];
const temporary: string[] = [];
const policies = new Map([[defaultPolicy().id, defaultPolicy()]]);

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-commands-'));
  temporary.push(dir);
  return dir;
}

async function run(command: typeof runPackExport | typeof runPackCheck, root: string, args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await command(root, args, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

/** Exports the two bundled scenarios from the repository into a temporary pack. */
async function exportBundled(): Promise<string> {
  const out = path.join(tempDir(), 'two.zip');
  const { code, output } = await run(runPackExport, repo, [...ids, '--out', out, '--author', 'Test Trainer', '--title', 'Two calls']);
  expect(output).toMatch(/✓ wrote .*two\.zip: 2 scenario\(s\)/);
  expect(code).toBe(0);
  return out;
}

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run pack:export', () => {
  it('round-trips real bundled scenarios: import gives back the same scenarios, keys and audio bytes', async () => {
    const out = await exportBundled();
    const { report, scenarios } = await readPack(new Uint8Array(fs.readFileSync(out)), { packName: 'two.zip', policies });
    expect(packProblems(report)).toEqual([]);
    expect(report.outcome).toBe('accepted');
    expect(report.about).toMatchObject({ title: 'Two calls', author: 'Test Trainer' });
    expect(scenarios.map((s) => s.scenario.id)).toEqual(ids);
    for (const { scenario, answerKey, assets } of scenarios) {
      const folder = path.join(repo, 'scenarios', scenario.id);
      expect(scenario).toEqual(parseScenario(JSON.parse(fs.readFileSync(path.join(folder, 'scenario.json'), 'utf8')), 'scenario.json'));
      expect(answerKey).toEqual(parseAnswerKey(JSON.parse(fs.readFileSync(path.join(folder, 'answer-key.json'), 'utf8')), 'answer-key.json'));
      const audioFiles = fs.readdirSync(path.join(repo, 'assets/audio', scenario.id)).sort();
      expect([...assets.keys()].sort()).toEqual(audioFiles.map((f) => `audio/${scenario.id}/${f}`));
      for (const file of audioFiles) {
        const same = Buffer.from(assets.get(`audio/${scenario.id}/${file}`)!).equals(fs.readFileSync(path.join(repo, 'assets/audio', scenario.id, file)));
        expect(same, `${scenario.id}/${file} comes back byte for byte`).toBe(true);
      }
    }
  });

  it('gives a pack that, unzipped into a checkout laid out like the repository, passes npm run scenarios:check', async () => {
    const out = await exportBundled();
    const root = tempDir();
    fs.cpSync(path.join(repo, 'scenarios/force-policies'), path.join(root, 'scenarios/force-policies'), { recursive: true });
    // Unzipped with fflate's own reader, independent of readPack.
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(fs.readFileSync(out))))) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), bytes);
    }
    expect(fs.existsSync(path.join(root, 'assets/audio/dv-whispered-999'))).toBe(true);
    const lines: string[] = [];
    const code = runScenariosCheck(root, ids.map((id) => `scenarios/${id}`), (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/2 passed, 0 failed/);
    expect(code).toBe(0);
  });

  it('refuses to export a scenario that fails scenarios:check, or one that does not exist, writing nothing', async () => {
    const root = tempDir();
    fs.cpSync(path.join(repo, 'scenarios'), path.join(root, 'scenarios'), { recursive: true });
    fs.cpSync(path.join(repo, 'assets/audio/bike-theft-rwd-101'), path.join(root, 'assets/audio/bike-theft-rwd-101'), { recursive: true });
    const keyFile = path.join(root, 'scenarios/bike-theft-rwd-101/answer-key.json');
    const key = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    key.grade.expected = 'grade-one';
    fs.writeFileSync(keyFile, JSON.stringify(key));
    const broken = await run(runPackExport, root, ['bike-theft-rwd-101', '--out', 'out.zip']);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('scenarios/bike-theft-rwd-101/answer-key.json $.grade.expected: "grade-one" is not a grade of the policy');
    const missing = await run(runPackExport, root, ['no-such-call', '../etc', '--out', 'out.zip']);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('✗ no-such-call: no scenario scenarios/no-such-call/scenario.json');
    expect(missing.output).toContain('✗ ../etc: no scenario');
    expect(fs.existsSync(path.join(root, 'out.zip'))).toBe(false);
  });

  it.each([
    [['--out'], /--out needs a value/],
    [['a-call'], /Usage: npm run pack:export/],
    [['--out', 'x.zip'], /Usage/],
    [['a-call', '--out', 'x.zip', '--force'], /unknown option --force/],
  ])('explains its usage for %j', async (args, message) => {
    const { code, output } = await run(runPackExport, repo, args);
    expect(code).toBe(1);
    expect(output).toMatch(message);
  });

  it('reads ids and options in any order', () => {
    expect(parsePackExportArgs(['a', '--out', 'p.zip', 'b', '--title', 'T'])).toEqual({ ids: ['a', 'b'], out: 'p.zip', title: 'T' });
  });
});

describe('npm run pack:check', () => {
  it('prints what would be added and exits 0 for a sound pack', async () => {
    const out = await exportBundled();
    const { code, output } = await run(runPackCheck, repo, [out]);
    expect(output).toContain('Pack "Two calls" by Test Trainer');
    expect(output).toContain('✓ bike-theft-rwd-101 (version 1): Bike taken from a garden shed, Ashcombe');
    expect(output).toMatch(/2 scenario\(s\) would be added, 0 refusal\(s\): accepted/);
    expect(code).toBe(0);
  });

  it('prints each refusal as file, place and reason and exits 1 for a tampered pack', async () => {
    const out = await exportBundled();
    const bytes = fs.readFileSync(out);
    // Overwrite the first stored audio bytes (MP3 frames) with HTML: the checksum no longer matches.
    // Search from the first MP3 entry's local header: the same two bytes can occur by chance in
    // the deflated manifest before it, whose content changes with the export date.
    const mp3Entry = /assets\/audio\/bike-theft-rwd-101\/[a-z-]+\.mp3/.exec(bytes.toString('latin1'));
    if (!mp3Entry) throw new Error('the exported pack holds no MP3 entry');
    const at = bytes.indexOf(Buffer.from([0xff, 0xf3]), mp3Entry.index);
    bytes.write('<script>', at, 'latin1');
    fs.writeFileSync(out, bytes);
    const { code, output } = await run(runPackCheck, repo, [out]);
    expect(output).toMatch(/✗ file assets\/audio\/bike-theft-rwd-101\/[a-z-]+\.mp3/);
    expect(output).toMatch(/ {2}assets\/audio\/bike-theft-rwd-101\/[a-z-]+\.mp3 sha256: its SHA-256 does not match manifest\.json \$\.files\[\d+\]\.sha256/);
    expect(output).toMatch(/0 scenario\(s\) would be added, 1 refusal\(s\): refused/);
    expect(code).toBe(1);
  });

  it('exits 1 for a file that is missing or not a zip, and without arguments', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'page.zip'), '<html></html>');
    expect((await run(runPackCheck, repo, [path.join(dir, 'page.zip')])).output).toMatch(/page\.zip zip: not a zip file/);
    expect((await run(runPackCheck, repo, [path.join(dir, 'absent.zip')])).code).toBe(1);
    expect((await run(runPackCheck, repo, [])).output).toMatch(/Usage: npm run pack:check/);
  });
});
