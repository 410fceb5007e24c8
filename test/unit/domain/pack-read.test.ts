import { deflateSync, Inflate } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PACK_LIMITS, type PackLimits } from '../../../src/domain/pack-layout';
import { packProblems, readPack, type PackImport } from '../../../src/domain/pack-read';
import { writePack } from '../../../src/domain/pack-write';
import { miniAnswerKey, miniScenario } from '../../fixtures/mini-call';
import { defaultPolicy } from '../../fixtures/default-policy';
import { encode, fakeWebm, manifestFor, miniPackAbout, miniPackFiles, packWithManifest, rawZip } from './pack-fixture';

const policies = new Map([[defaultPolicy().id, defaultPolicy()]]);
const read = (bytes: Uint8Array, limits?: PackLimits) => readPack(bytes, { packName: 'test-pack.zip', policies, ...(limits ? { limits } : {}) });

/** The mini pack plus extra files, with a manifest that lists them honestly. */
async function packWith(extra: ReadonlyArray<readonly [string, Uint8Array]>, tamper?: (manifest: Record<string, any>) => void): Promise<Uint8Array> {
  const files = miniPackFiles();
  const all = [...files.entries(), ...extra];
  const manifest = await manifestFor(new Map(all));
  tamper?.(manifest);
  return packWithManifest(all, manifest);
}

function expectRefused(result: PackImport, located: { file: string | RegExp; path: string | RegExp; message: RegExp }): void {
  expect(result.report.outcome).toBe('refused');
  expect(result.scenarios).toEqual([]);
  expect(result.report.added).toEqual([]);
  const matches = (value: string, want: string | RegExp) => (typeof want === 'string' ? value === want : want.test(value));
  const problems = packProblems(result.report);
  expect(
    problems.some((p) => matches(p.file, located.file) && matches(p.path, located.path) && located.message.test(p.message)),
    `no problem like ${String(located.file)} ${String(located.path)} ${String(located.message)} in:\n${problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('\n')}`,
  ).toBe(true);
}

afterEach(() => vi.restoreAllMocks());

describe('readPack: a sound pack', () => {
  it('round-trips the mini call: scenario, answer key and audio bytes come back as written', async () => {
    const bytes = await writePack(miniPackFiles(), miniPackAbout());
    const result = await read(bytes);
    expect(result.report.outcome).toBe('accepted');
    expect(result.report.refused).toEqual([]);
    expect(result.report.about).toEqual({ title: 'Mini pack', author: 'Test Trainer', createdAt: '2026-11-27T12:00:00.000Z' });
    expect(result.report.added).toEqual([
      {
        id: 'mini-call',
        version: 1,
        title: 'Mini call',
        files: expect.arrayContaining(['scenarios/mini-call/scenario.json', 'scenarios/mini-call/answer-key.json', 'assets/audio/mini-call/c-open.webm']),
      },
    ]);
    expect(result.scenarios).toHaveLength(1);
    expect(result.scenarios[0]!.scenario).toEqual(miniScenario());
    expect(result.scenarios[0]!.answerKey).toEqual(miniAnswerKey());
    expect([...result.scenarios[0]!.assets.keys()].sort()).toEqual(['audio/mini-call/c-loud.webm', 'audio/mini-call/c-open.webm', 'audio/mini-call/c-safe.webm', 'audio/mini-call/c-weapon.webm']);
    expect(result.scenarios[0]!.assets.get('audio/mini-call/c-open.webm')).toEqual(fakeWebm('c-open'));
  });

  it('writes the same bytes for the same files and date', async () => {
    expect(await writePack(miniPackFiles(), miniPackAbout())).toEqual(await writePack(miniPackFiles(), miniPackAbout()));
  });

  it('accepts folder entries that zip tools add, and media of every allowed type by its magic bytes', async () => {
    const media: Array<[string, Uint8Array]> = [
      ['assets/media/mini-call/photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2])],
      ['assets/media/mini-call/photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1])],
      ['assets/media/mini-call/photo.webp', encode('RIFF\x10\x00\x00\x00WEBPVP8 ')],
      ['assets/media/mini-call/clip.mp4', encode('\x00\x00\x00\x18ftypisom')],
      ['assets/media/mini-call/clip.webm', fakeWebm('video')],
      ['assets/audio/mini-call/extra.mp3', new Uint8Array([0xff, 0xf3, 0x58, 0xc0])],
      ['assets/audio/mini-call/extra2.mp3', encode('ID3\x04\x00')],
      ['assets/audio/mini-call/extra.ogg', encode('OggS\x00\x02')],
    ];
    const files = new Map([...miniPackFiles(), ...media]);
    const manifest = await manifestFor(files);
    const folders: Array<[string, Uint8Array]> = [['scenarios/', new Uint8Array()], ['assets/media/mini-call/', new Uint8Array()]];
    const result = await read(packWithManifest([...folders, ...files], manifest));
    expect(packProblems(result.report)).toEqual([]);
    expect(result.report.outcome).toBe('accepted');
    expect(result.scenarios[0]!.assets.get('media/mini-call/photo.png')).toEqual(media[0]![1]);
  });

  it('keeps a title carrying HTML and script verbatim, as a plain string (never interpreted)', async () => {
    const hostile = '<img src=x onerror="alert(1)"><script>document.cookie</script> & "quotes"';
    const scenario = miniScenario();
    scenario.metadata.title = hostile;
    const bytes = await writePack(miniPackFiles(scenario), { ...miniPackAbout(), title: hostile, scenarios: [{ id: 'mini-call', version: 1, title: hostile }] });
    const result = await read(bytes);
    expect(result.report.outcome).toBe('accepted');
    expect(result.report.added[0]!.title).toBe(hostile);
    expect(result.report.about!.title).toBe(hostile);
    expect(typeof result.scenarios[0]!.scenario.metadata.title).toBe('string');
    expect(result.scenarios[0]!.scenario.metadata.title).toBe(hostile);
  });

  it('adds the sound scenario and refuses only the broken one (partly accepted)', async () => {
    const broken = { ...miniScenario(), id: 'mini-two' } as any;
    broken.callGraph.start = 'nowhere';
    const key = { ...miniAnswerKey(), scenarioId: 'mini-two' };
    const files = new Map([
      ...miniPackFiles(),
      ['scenarios/mini-two/scenario.json', encode(JSON.stringify(broken))],
      ['scenarios/mini-two/answer-key.json', encode(JSON.stringify(key))],
    ]);
    const about = { ...miniPackAbout(), scenarios: [...miniPackAbout().scenarios, { id: 'mini-two', version: 1, title: 'Two' }] };
    const result = await read(await writePack(files, about));
    expect(result.report.outcome).toBe('partly-accepted');
    expect(result.report.added.map((a) => a.id)).toEqual(['mini-call']);
    expect(result.report.refused.map((r) => [r.subject, r.name])).toEqual([['scenario', 'mini-two']]);
    expect(packProblems(result.report)).toContainEqual(expect.objectContaining({ file: 'scenarios/mini-two/scenario.json', path: '$.callGraph.start' }));
  });
});

const webm = fakeWebm('x');
const html = encode('<!DOCTYPE html><html><script>alert(1)</script></html>');

describe('readPack refuses a hostile or damaged pack, naming the file, the place and the reason', () => {
  const cases: Array<{ name: string; bytes: () => Promise<Uint8Array>; limits?: PackLimits; file: string | RegExp; path: string | RegExp; message: RegExp }> = [
    { name: 'path traversal ../x', bytes: () => packWith([['../x', webm]]), file: '../x', path: 'entry name', message: /climbs out of the pack/ },
    { name: 'absolute path /etc/passwd', bytes: () => packWith([['/etc/passwd', webm]]), file: '/etc/passwd', path: 'entry name', message: /absolute path/ },
    { name: 'traversal inside a path a/../../b', bytes: () => packWith([['a/../../b', webm]]), file: 'a/../../b', path: 'entry name', message: /climbs out/ },
    { name: 'Windows path C:\\x', bytes: () => packWith([['C:\\x', webm]]), file: '"C:\\\\x"', path: 'entry name', message: /backslash/ },
    { name: 'drive letter C:/x', bytes: () => packWith([['C:/x', webm]]), file: 'C:/x', path: 'entry name', message: /drive letter/ },
    { name: 'backslash separators', bytes: () => packWith([['assets\\audio\\mini-call\\b.webm', webm]]), file: /^"assets/, path: 'entry name', message: /backslash/ },
    { name: 'NUL in a name', bytes: () => packWith([['assets/audio/mini-call/a.webm\0.html', webm]]), file: /\\x00/, path: 'entry name', message: /NUL/ },
    { name: 'an empty segment', bytes: () => packWith([['assets//audio/mini-call/a.webm', webm]]), file: 'assets//audio/mini-call/a.webm', path: 'entry name', message: /empty or "\." segment/ },
    { name: 'an HTML file', bytes: () => packWith([['scenarios/mini-call/notes.html', html]]), file: 'scenarios/mini-call/notes.html', path: 'entry name', message: /"\.html" files are refused/ },
    { name: 'a script', bytes: () => packWith([['assets/media/mini-call/run.js', encode('alert(1)')]]), file: 'assets/media/mini-call/run.js', path: 'entry name', message: /"\.js" files are refused/ },
    { name: 'an SVG image (it can carry script)', bytes: () => packWith([['assets/media/mini-call/map.svg', encode('<svg onload="alert(1)"/>')]]), file: 'assets/media/mini-call/map.svg', path: 'entry name', message: /"\.svg" files are refused/ },
    { name: 'an .mp3 whose bytes are HTML', bytes: () => packWith([['assets/audio/mini-call/c-open.mp3', html]]), file: 'assets/audio/mini-call/c-open.mp3', path: 'content', message: /not MP3/ },
    { name: 'a .png whose bytes are WebM', bytes: () => packWith([['assets/media/mini-call/a.png', webm]]), file: 'assets/media/mini-call/a.png', path: 'content', message: /not PNG/ },
    { name: 'the same name twice', bytes: () => packWith([['assets/audio/mini-call/c-open.webm', fakeWebm('c-open')]]), file: 'assets/audio/mini-call/c-open.webm', path: 'entry name', message: /twice/ },
    { name: 'names differing only by case', bytes: () => packWith([['assets/audio/mini-call/C-OPEN.webm', webm]]), file: 'assets/audio/mini-call/C-OPEN.webm', path: 'entry name', message: /same name but for case/ },
    {
      name: 'a checksum that does not match',
      bytes: () => packWith([], (m) => (m.files.find((f: any) => f.path.endsWith('c-open.webm')).sha256 = '0'.repeat(64))),
      file: 'assets/audio/mini-call/c-open.webm',
      path: 'sha256',
      message: /does not match manifest\.json \$\.files\[\d+\]\.sha256/,
    },
    { name: 'a size the manifest misstates', bytes: () => packWith([], (m) => (m.files[0].bytes += 1)), file: 'manifest.json', path: '$.files[0].bytes', message: /the zip says/ },
    { name: 'a file the manifest does not list', bytes: () => packWith([['assets/audio/mini-call/extra.webm', webm]], (m) => m.files.pop()), file: /./, path: 'manifest listing', message: /not listed in manifest\.json/ },
    { name: 'a file the manifest lists but the pack lacks', bytes: () => packWith([], (m) => m.files.push({ path: 'assets/audio/mini-call/gone.webm', bytes: 1, sha256: 'a'.repeat(64) })), file: 'manifest.json', path: /^\$\.files\[\d+\]\.path$/, message: /not in the pack/ },
    { name: 'no manifest', bytes: async () => packWithManifest(miniPackFiles(), undefined), file: 'manifest.json', path: '$', message: /no manifest\.json/ },
    { name: 'a manifest that is not JSON', bytes: async () => packWithManifest(miniPackFiles(), '{ "format": "call-trainer-pack", '), file: 'manifest.json', path: '$', message: /not valid JSON/ },
    { name: 'a manifest of a newer format version', bytes: () => packWith([], (m) => (m.formatVersion = 2)), file: 'manifest.json', path: '$.formatVersion', message: /newer than this version of call-trainer/ },
    { name: 'a manifest of another format', bytes: () => packWith([], (m) => (m.format = 'scorm')), file: 'manifest.json', path: '$.format', message: /./ },
    { name: 'a manifest with a malformed digest', bytes: () => packWith([], (m) => (m.files[1].sha256 = 'xyz')), file: 'manifest.json', path: '$.files[1].sha256', message: /SHA-256/ },
    { name: 'a manifest without a date', bytes: () => packWith([], (m) => delete m.createdAt), file: 'manifest.json', path: '$.createdAt', message: /./ },
    { name: 'a file bigger than the per-file cap', bytes: () => packWith([['assets/audio/mini-call/big.webm', new Uint8Array(5000).fill(1).map((v, i) => (i < 4 ? webm[i]! : v))]]), limits: { ...DEFAULT_PACK_LIMITS, maxMediaBytes: 4096 }, file: 'assets/audio/mini-call/big.webm', path: 'entry size', message: /at most 4096 bytes/ },
    { name: 'a pack bigger than the pack cap', bytes: () => packWith([]), limits: { ...DEFAULT_PACK_LIMITS, maxPackBytes: 1000 }, file: 'test-pack.zip', path: 'zip', message: /at most 1000 bytes/ },
    { name: 'files that inflate past the total cap', bytes: () => packWith([]), limits: { ...DEFAULT_PACK_LIMITS, maxTotalBytes: 1000 }, file: 'test-pack.zip', path: 'zip', message: /in all; a pack may hold at most 1000 bytes/ },
    { name: 'too many files', bytes: async () => rawZip(Array.from({ length: 1001 }, (_, i) => ({ name: `assets/audio/mini-call/c${i}.webm`, data: webm }))), file: 'test-pack.zip', path: 'zip', message: /1001 entries; a pack may hold at most 1000/ },
    { name: 'an encrypted entry', bytes: async () => rawZip([{ name: 'manifest.json', data: encode('{}') }, { name: 'assets/audio/mini-call/a.webm', data: webm, flags: 1 }]), file: 'assets/audio/mini-call/a.webm', path: 'entry data', message: /encrypted/ },
    { name: 'an unknown compression method', bytes: async () => rawZip([{ name: 'manifest.json', data: encode('{}'), method: 12 }]), file: 'manifest.json', path: 'entry data', message: /compression method 12/ },
    { name: 'bytes that are not a zip', bytes: async () => encode('<html>not a zip</html>'.repeat(3)), file: 'test-pack.zip', path: 'zip', message: /not a zip file/ },
    { name: 'a truncated zip', bytes: async () => (await writePack(miniPackFiles(), miniPackAbout())).slice(0, 400), file: 'test-pack.zip', path: 'zip', message: /not a zip file|truncated|corrupt/ },
    {
      name: 'corrupt compressed data',
      bytes: async () => {
        const good = await writePack(miniPackFiles(), miniPackAbout());
        const at = 60; // inside manifest.json's deflated data, the first entry
        good[at] = good[at]! ^ 0xff;
        good[at + 1] = good[at + 1]! ^ 0xff;
        return good;
      },
      file: 'manifest.json',
      path: /entry data|\$/,
      message: /corrupt|inflates|JSON|UTF-8/,
    },
  ];

  it.each(cases)('$name', async ({ bytes, limits, file, path, message }) => {
    expectRefused(await read(await bytes(), limits), { file, path, message });
  });

  it('refuses a zip bomb by its declared size, inflating nothing', async () => {
    const bomb = new Uint8Array(30 * 1024 * 1024); // 30 MB of zeros: about 30 kB deflated
    bomb.set(webm);
    const withBomb = rawZip([{ name: 'manifest.json', data: encode('{}'), method: 8 }, { name: 'assets/audio/mini-call/bomb.webm', data: bomb, method: 8 }]);
    expect(withBomb.length).toBeLessThan(100 * 1024);
    const push = vi.spyOn(Inflate.prototype, 'push');
    const result = await read(withBomb);
    expectRefused(result, { file: 'assets/audio/mini-call/bomb.webm', path: 'entry size', message: /inflates to 30\.0 MB; a media file may be at most 25\.0 MB/ });
    expect(push).not.toHaveBeenCalled();
  });

  it('refuses a zip bomb that lies about its size, stopping at the declared size', async () => {
    const files = miniPackFiles();
    const manifest = await manifestFor(files);
    const bombData = new Uint8Array(30 * 1024 * 1024);
    bombData.set(webm);
    const compressed = deflateSync(bombData);
    const entries = [
      { name: 'manifest.json', data: encode(JSON.stringify(manifest)), method: 8 },
      ...[...files].map(([name, data]) => (name.endsWith('c-open.webm') ? { name, data: bombData, method: 8, declaredSize: data.length } : { name, data })),
    ];
    const push = vi.spyOn(Inflate.prototype, 'push');
    const result = await read(rawZip(entries));
    expectRefused(result, { file: 'assets/audio/mini-call/c-open.webm', path: 'entry data', message: /inflates to more than the \d+ bytes the zip declares \(refused before inflating the rest\)/ });
    // The bomb's data spans many 4 kB steps; inflation stopped after the first (plus the manifest's one step).
    expect(compressed.length).toBeGreaterThan(4 * 4096);
    expect(push.mock.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('readPack: scenarios are checked as npm run scenarios:check checks them', () => {
  it('refuses both scenarios of a duplicate scenario id', async () => {
    const files = new Map([...miniPackFiles()]);
    files.set('scenarios/mini-copy/scenario.json', encode(JSON.stringify(miniScenario())));
    files.set('scenarios/mini-copy/answer-key.json', encode(JSON.stringify(miniAnswerKey())));
    const about = { ...miniPackAbout(), scenarios: [...miniPackAbout().scenarios, { id: 'mini-copy', version: 1, title: 'Copy' }] };
    const result = await read(await writePack(files, about));
    expect(result.report.outcome).toBe('refused');
    expect(result.report.refused.map((r) => r.name).sort()).toEqual(['mini-call', 'mini-copy']);
    const problems = packProblems(result.report);
    expect(problems).toContainEqual({ file: 'scenarios/mini-call/scenario.json', path: '$.id', message: 'another scenario in this pack also has id "mini-call": ids must be unique' });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'scenarios/mini-copy/scenario.json', path: '$.id', message: expect.stringMatching(/sits in scenarios\/mini-copy\//) }));
  });

  it('refuses an answer key that refers to ids the scenario does not have', async () => {
    const key = miniAnswerKey() as any;
    key.keyQuestions[0].optionIds = ['o-nowhere'];
    key.criticalMisses[0].rule = { kind: 'keyQuestionNotAsked', keyQuestion: 'kq-unknown' };
    const result = await read(await writePack(miniPackFiles(miniScenario(), key), miniPackAbout()));
    expect(result.report.outcome).toBe('refused');
    const problems = packProblems(result.report);
    expect(problems).toContainEqual({ file: 'scenarios/mini-call/answer-key.json', path: '$.keyQuestions[0].optionIds[0]', message: 'option "o-nowhere" is not an option of the call graph' });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'scenarios/mini-call/answer-key.json', path: '$.criticalMisses[0].rule.keyQuestion' }));
  });

  it('refuses a scenario whose audio is not in the pack', async () => {
    const files = miniPackFiles();
    files.delete('assets/audio/mini-call/c-weapon.webm');
    const result = await read(await writePack(files, miniPackAbout()));
    expect(packProblems(result.report)).toContainEqual({ file: 'scenarios/mini-call/scenario.json', path: '$.clips[3].audio.sources[0].src', message: 'audio file assets/audio/mini-call/c-weapon.webm does not exist' });
    expect(result.report.outcome).toBe('refused');
  });

  it('refuses a scenario whose force policy the importer does not know', async () => {
    const result = await readPack(await writePack(miniPackFiles(), miniPackAbout()), { packName: 'p.zip', policies: new Map() });
    expect(packProblems(result.report)).toContainEqual(expect.objectContaining({ file: 'scenarios/mini-call/scenario.json', path: '$.forcePolicy' }));
  });

  it('refuses a manifest whose scenario version differs from the scenario', async () => {
    const result = await read(await writePack(miniPackFiles(), { ...miniPackAbout(), scenarios: [{ id: 'mini-call', version: 2, title: 'Mini call' }] }));
    expect(packProblems(result.report)).toContainEqual({ file: 'manifest.json', path: '$.scenarios[0].version', message: 'says version 2 but scenarios/mini-call/scenario.json is version 1' });
  });

  it('refuses a scenario file that is not JSON, at $', async () => {
    const files = miniPackFiles();
    files.set('scenarios/mini-call/scenario.json', encode('{ "id": '));
    const result = await read(await writePack(files, miniPackAbout()));
    expect(packProblems(result.report)).toContainEqual(expect.objectContaining({ file: 'scenarios/mini-call/scenario.json', path: '$', message: expect.stringMatching(/^not valid JSON/) }));
  });
});
