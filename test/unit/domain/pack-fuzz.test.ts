/**
 * Issue 8's fuzzing, the pack half: fast-check makes 1,000 malformed packs by mutating a valid
 * one (the mini call, tiny fake audio) and each must be refused with located problems, without
 * an exception escaping and without falling into readPack's last-resort "could not be checked".
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { packProblems, readPack } from '../../../src/domain/pack-read';
import { writePack } from '../../../src/domain/pack-write';
import { listZipEntries, type ZipEntry } from '../../../src/domain/pack-zip';
import { miniAnswerKey, miniScenario } from '../../fixtures/mini-call';
import { defaultPolicy } from '../../fixtures/default-policy';
import { encode, manifestFor, miniPackAbout, miniPackFiles, packWithManifest, rawZip, type RawEntry } from './pack-fixture';

const policies = new Map([[defaultPolicy().id, defaultPolicy()]]);
const baseFiles = miniPackFiles();
const basePaths = ['manifest.json', ...[...baseFiles.keys()].sort()];
let basePack: Uint8Array;
let baseEntries: readonly ZipEntry[];
let baseManifest: Record<string, any>;

type Json = unknown;
type Path = ReadonlyArray<string | number>;

function setAt(root: any, path: Path, value: Json | typeof REMOVE): any {
  const copy = structuredClone(root);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}
const REMOVE = Symbol('remove');

const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));
const notString = wrongType;
const notOne = fc.oneof(wrongType, fc.string(), fc.integer()).filter((v) => v !== 1);
const stringOtherThan = (...keep: string[]) => fc.oneof(fc.string({ maxLength: 30 }), notString).filter((v) => !keep.includes(v as string));
const badNames = fc.constantFrom('../x', '/etc/passwd', 'a/../../b', 'C:\\x', 'C:/x', 'scenarios\\mini-call\\scenario.json', 'x\0y', 'index.html', 'assets/media/mini-call/run.js', 'assets/media/mini-call/a.svg', '', 'scenarios/mini-call/', 'manifest.json');

/** A mutation of the base pack, by kind, for the statistics at the end. */
type Mutation = { kind: string; build: () => Promise<Uint8Array> };

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  // Corrupt a byte (all its bits) inside one entry's data.
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => ({
    kind: 'corrupt entry data',
    build: async () => {
      const entry = baseEntries[i % baseEntries.length]!;
      const bytes = basePack.slice();
      const at = entry.dataOffset + (j % entry.compressedSize);
      bytes[at] = bytes[at]! ^ 0xff;
      return bytes;
    },
  })),
  // Truncate the zip.
  fc.nat().map((n) => ({ kind: 'truncate zip', build: async () => basePack.slice(0, n % basePack.length) })),
  // Drop, duplicate or rename an entry; add an unlisted or hostile one.
  fc.nat().map((i) => ({ kind: 'drop entry', build: async () => rebuild((entries) => entries.filter((_, k) => k !== i % entries.length)) })),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, upper]) => ({
    kind: 'duplicate entry',
    build: async () =>
      rebuild((entries) => {
        const entry = entries[i % entries.length]!;
        const name = upper ? (entry.name as string).toUpperCase() : entry.name;
        return [...entries, { ...entry, name }];
      }),
  })),
  fc.tuple(fc.nat(), fc.oneof(badNames, fc.string({ maxLength: 40 }), fc.constantFrom(...basePaths))).map(([i, name]) => ({
    kind: 'rename entry',
    build: async () =>
      rebuild((entries) => {
        const index = i % entries.length;
        const newName = name === entries[index]!.name ? `${name}x` : name;
        return entries.map((e, k) => (k === index ? { ...e, name: newName } : e));
      }),
  })),
  fc.tuple(fc.oneof(badNames, fc.string({ maxLength: 40 }), fc.constant('assets/audio/mini-call/extra.webm')), fc.uint8Array({ maxLength: 64 })).map(([name, data]) => ({
    kind: 'add entry',
    build: async () => rebuild((entries) => [...entries, { name, data }]),
  })),
  // Mutate a manifest field (the rest of the manifest stays true to the files).
  fc
    .oneof(
      fc.tuple(fc.constant<Path>(['format']), stringOtherThan('call-trainer-pack')),
      fc.tuple(fc.constant<Path>(['formatVersion']), notOne),
      fc.tuple(fc.constant<Path>(['title']), fc.oneof(fc.constant(''), fc.constant('t'.repeat(201)), notString)),
      fc.tuple(fc.constant<Path>(['author']), fc.oneof(fc.constant(''), notString)),
      fc.tuple(fc.constant<Path>(['createdAt']), fc.oneof(fc.constantFrom('yesterday', '2026-13-01T00:00:00Z', ''), notString)),
      fc.tuple(fc.constant<Path>(['scenarios']), fc.oneof(fc.constant([]), notString)),
      fc.tuple(fc.constant<Path>(['scenarios', 0, 'id']), stringOtherThan('mini-call')),
      fc.tuple(fc.constant<Path>(['scenarios', 0, 'version']), notOne),
      fc.tuple(fc.nat(5).map((i): Path => ['files', i, 'path']), stringOtherThan(...basePaths)),
      fc.tuple(fc.nat(5).map((i): Path => ['files', i, 'bytes']), fc.oneof(fc.integer({ min: 1000 }), fc.constant(-1), notString)),
      fc.tuple(fc.nat(5).map((i): Path => ['files', i, 'sha256']), fc.oneof(fc.constant('0'.repeat(64)), fc.string({ maxLength: 64 }), notString)),
      fc.tuple(fc.nat(5).map((i): Path => ['files', i]), fc.constant(REMOVE)),
      fc.tuple(fc.constantFrom<Path>(['format'], ['formatVersion'], ['title'], ['author'], ['createdAt'], ['scenarios'], ['files']), fc.constant(REMOVE)),
      fc.tuple(fc.string({ maxLength: 10 }).map((k): Path => [`x-${k}`]), fc.jsonValue()),
    )
    .map(([path, value]) => ({
      kind: 'mutate manifest',
      build: async () => {
        const manifest = setAt(baseManifest, path, value);
        if (Array.isArray(manifest.files)) manifest.files = manifest.files.filter((f: unknown) => f !== undefined);
        return packWithManifest(baseFiles, manifest);
      },
    })),
  // Mutate a scenario or answer-key field; the manifest is rewritten to match, so only the scenario checks can catch it.
  fc
    .oneof(
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['formatVersion']), notOne),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['id']), stringOtherThan('mini-call')),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['version']), notOne),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['forcePolicy']), stringOtherThan('national-call-handling-standards')),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['metadata', 'title']), fc.oneof(fc.constant(''), fc.constant('t'.repeat(121)), notString)),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['metadata', 'difficulty']), stringOtherThan('recruit', 'experienced', 'expert')),
      fc.tuple(fc.constant('scenario.json'), fc.nat(3).map((k): Path => ['clips', k, 'audio', 'sources', 0, 'src']), fc.oneof(fc.constantFrom('audio/mini-call/missing.webm', '../../etc/passwd', 'https://example.invalid/a.webm', 'audio/other-call/c-open.webm', 'javascript:alert(1)'), notString)),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['callGraph', 'start']), fc.oneof(fc.constantFrom('nowhere', '', 'N-OPEN'), notString)),
      fc.tuple(fc.constant('scenario.json'), fc.constant<Path>(['callGraph', 'nodes']), fc.oneof(fc.constant([]), notString)),
      fc.tuple(fc.constant('scenario.json'), fc.constantFrom<Path>(['metadata'], ['clips'], ['callGraph'], ['speakers'], ['callContext'], ['forcePolicy'], ['id'], ['version'], ['formatVersion']), fc.constant(REMOVE)),
      fc.tuple(fc.constant('scenario.json'), fc.string({ maxLength: 10 }).map((k): Path => [`x-${k}`]), fc.jsonValue()),
      fc.tuple(fc.constant('answer-key.json'), fc.constant<Path>(['scenarioId']), stringOtherThan('mini-call')),
      fc.tuple(fc.constant('answer-key.json'), fc.constant<Path>(['scenarioVersion']), notOne),
      fc.tuple(fc.constant('answer-key.json'), fc.constant<Path>(['grade', 'expected']), fc.oneof(fc.constantFrom('grade-one', ''), notString)),
      fc.tuple(fc.constant('answer-key.json'), fc.constant<Path>(['keyQuestions', 0, 'optionIds', 0]), stringOtherThan('o-safe', 'o-loud', 'o-weapon', 'o-name')),
      fc.tuple(fc.constant('answer-key.json'), fc.constant<Path>(['thrive', 'threat', 'expected']), fc.oneof(fc.constantFrom('extreme', ''), notString)),
      fc.tuple(fc.constant('answer-key.json'), fc.constantFrom<Path>(['thrive'], ['grade'], ['scenarioId'], ['formatVersion']), fc.constant(REMOVE)),
    )
    .map(([file, path, value]) => ({
      kind: `mutate ${file}`,
      build: async () => {
        const scenario = file === 'scenario.json' ? setAt(miniScenario(), path, value) : miniScenario();
        const key = file === 'answer-key.json' ? setAt(miniAnswerKey(), path, value) : miniAnswerKey();
        return writePack(miniPackFiles(scenario, key), miniPackAbout());
      },
    })),
  // Cut a JSON file short (always invalid JSON: at least its closing brace goes).
  fc.tuple(fc.constantFrom('scenarios/mini-call/scenario.json', 'scenarios/mini-call/answer-key.json'), fc.nat()).map(([path, n]) => ({
    kind: 'truncate JSON',
    build: async () => {
      const files = miniPackFiles();
      const text = new TextDecoder().decode(files.get(path)!);
      files.set(path, encode(text.slice(0, n % (text.length - 2))));
      return writePack(files, miniPackAbout());
    },
  })),
);

/** The base pack's entries (manifest first), changed by `change`, written with rawZip. */
async function rebuild(change: (entries: RawEntry[]) => RawEntry[]): Promise<Uint8Array> {
  const entries: RawEntry[] = [
    { name: 'manifest.json', data: encode(JSON.stringify(baseManifest)), method: 8 },
    ...[...baseFiles.entries()].map(([name, data]) => ({ name, data, method: name.endsWith('.json') ? 8 : 0 })),
  ];
  return rawZip(change(entries));
}

beforeAll(async () => {
  basePack = await writePack(baseFiles, miniPackAbout());
  const listing = listZipEntries(basePack, 1000);
  if (!listing.ok) throw new Error(listing.reason);
  baseEntries = listing.entries;
  baseManifest = await manifestFor(baseFiles);
});

describe('readPack under fuzzing', () => {
  it('the unmutated base pack is accepted (so every refusal below is the mutation\u2019s doing)', async () => {
    expect((await readPack(basePack, { packName: 'base.zip', policies })).report.outcome).toBe('accepted');
    expect((await readPack(await rebuild((e) => e), { packName: 'base.zip', policies })).report.outcome).toBe('accepted');
  });

  it('refuses 1,000 malformed packs, each with located problems and no exception', async () => {
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(mutations, async (mutation) => {
        kinds.set(mutation.kind, (kinds.get(mutation.kind) ?? 0) + 1);
        const bytes = await mutation.build();
        const { report, scenarios } = await readPack(bytes, { packName: 'fuzzed.zip', policies });
        const problems = packProblems(report);
        expect(report.outcome).toBe('refused');
        expect(scenarios).toEqual([]);
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem.file.length).toBeGreaterThan(0);
          expect(problem.path.length).toBeGreaterThan(0);
          expect(problem.message.length).toBeGreaterThan(0);
          expect(problem.message).not.toMatch(/could not be checked/);
        }
      }),
      { numRuns: 1000, seed: 20261127 },
    );
    expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect([...kinds.keys()].sort()).toEqual([
      'add entry',
      'corrupt entry data',
      'drop entry',
      'duplicate entry',
      'mutate answer-key.json',
      'mutate manifest',
      'mutate scenario.json',
      'rename entry',
      'truncate JSON',
      'truncate zip',
    ]);
  }, 60_000);
});
