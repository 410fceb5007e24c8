import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createComposedCatalogue } from '../../../src/app/authored-catalogue';
import { createStudio } from '../../../src/app/studio-services';
import { runScenariosCheck } from '../../../src/cli/scenarios-check';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { clipAudioSrc } from '../../../src/domain/studio-draft';
import { createStudioRepo } from '../../../src/store/studio-repo';
import type { ScenarioDraftRecord } from '../../../src/store/studio-records';
import type { ScenarioCatalogue, Studio } from '../../../src/ui/app-services';
import { defaultPolicy } from '../../fixtures/default-policy';
import { useFreshDatabases } from '../store/fresh-databases';
import { fakeWebm } from '../domain/pack-fixture';
import { miniAnswerKey, miniScenario } from '../../fixtures/mini-call';

const freshDb = useFreshDatabases();
const repoRoot = path.join(import.meta.dirname, '../../..');
const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const noLibrary: ScenarioCatalogue = {
  list: async () => ({ scenarios: [], problems: [] }),
  load: (id) => Promise.reject(new Error(`no ${id}`)),
  policyFor: () => Promise.resolve(defaultPolicy()),
  policy: () => Promise.resolve(defaultPolicy()),
  answerKey: (id) => Promise.reject(new Error(`no ${id}`)),
};

/** A library of one scenario, the mini call (test/fixtures/mini-call.ts). */
const miniLibrary: ScenarioCatalogue = {
  ...noLibrary,
  load: (id) => (id === 'mini-call' ? Promise.resolve(miniScenario()) : Promise.reject(new Error(`no ${id}`))),
  answerKey: (id) => (id === 'mini-call' ? Promise.resolve(miniAnswerKey()) : Promise.reject(new Error(`no ${id}`))),
};

function studioOn(db = freshDb(), reservedIds: ReadonlySet<string> = new Set(['dv-whispered-999', 'mini-call'])): Studio {
  return createStudio({
    repo: createStudioRepo(db),
    bundled: miniLibrary,
    reservedIds,
    loadPolicies: async () => new Map([[defaultPolicy().id, defaultPolicy()]]),
    fetchAsset: async (src) => fakeWebm(src),
    addAudio: () => undefined,
    now: () => new Date('2026-11-28T09:00:00.000Z'),
  });
}

/** Gives every clip of a draft audio, as the studio's import does (fake WebM bytes). */
function voiced(draft: ScenarioDraftRecord): ScenarioDraftRecord {
  const scenario = draft.scenario as unknown as Scenario;
  const clipAudio: ScenarioDraftRecord['clipAudio'] = {};
  const clips = scenario.clips.map((clip) => {
    const durationSeconds = clip.captions.at(-1)?.end ?? 1;
    clipAudio[clip.id] = { type: 'audio/webm', bytes: fakeWebm(clip.id), durationSeconds, origin: 'imported', from: `${clip.id}.webm`, telephoneFilter: false, noiseBed: false };
    return { ...clip, audio: { sources: [{ src: clipAudioSrc(scenario.id, clip.id, 'audio/webm'), type: 'audio/webm' as const }], durationSeconds } };
  });
  return { ...draft, clipAudio, scenario: { ...scenario, clips } as unknown as ScenarioDraftRecord['scenario'] };
}

async function templateDraft(studio: Studio): Promise<ScenarioDraftRecord> {
  const draft = await studio.getDraft(await studio.newDraftFromTemplate('two-branch-call'));
  if (!draft) throw new Error('draft not saved');
  return draft;
}

describe('studio services', () => {
  it('refuses to publish a draft with problems, naming each at its JSON path', async () => {
    const studio = studioOn();
    const result = await studio.publish(await templateDraft(studio));
    expect(result).toEqual({ kind: 'refused', problems: expect.arrayContaining([expect.objectContaining({ file: 'scenario.json', path: '$.clips[0].audio' })]) });
    expect(await studio.listPublished()).toEqual([]);
  });

  it('refuses an id a library scenario already uses', async () => {
    const studio = studioOn();
    const draft = voiced(await templateDraft(studio));
    const clash = { ...draft, scenario: { ...(draft.scenario as object), id: 'dv-whispered-999' } as ScenarioDraftRecord['scenario'] };
    const result = await studio.publish(voiced(clash));
    expect(result.kind === 'refused' && result.problems[0]).toMatchObject({ path: '$.id', message: expect.stringContaining('already uses') });
  });

  it('publishes a voiced draft as version 1, then 2, each with its own audio names', async () => {
    const db = freshDb();
    const studio = studioOn(db);
    const draft = voiced(await templateDraft(studio));
    expect(await studio.publish(draft)).toEqual({ kind: 'published', version: 1 });
    expect(await studio.publish(draft)).toEqual({ kind: 'published', version: 2 });
    const repo = createStudioRepo(db);
    const v2 = await repo.getAuthored('new-call');
    expect(v2?.scenario.clips[0]?.audio?.sources[0]?.src).toBe('audio/new-call/c-opening-v2.webm');
    expect(v2?.answerKey.scenarioVersion).toBe(2);
    expect((await repo.getAuthored('new-call', 1))?.scenario.clips[0]?.audio?.sources[0]?.src).toBe('audio/new-call/c-opening-v1.webm');
    expect(await studio.listPublished()).toEqual([{ id: 'new-call', version: 2, title: 'New two-branch call' }]);
  });

  it('a call answered on version 1 is resumed and marked on version 1 after version 2 is published; a new call gets version 2', async () => {
    const db = freshDb();
    const studio = studioOn(db);
    const draft = voiced(await templateDraft(studio));
    await studio.publish(draft);
    const repo = createStudioRepo(db);
    const { catalogue } = createComposedCatalogue(miniLibrary, new Set(['mini-call']), async () => repo);
    const answered = await catalogue.load('new-call');
    expect(answered.version).toBe(1);
    // The trainer publishes a changed key while the trainee is on the line.
    const v1Key = await catalogue.answerKey('new-call', 1);
    const changed = { ...draft, answerKey: { ...(draft.answerKey as object), grade: { ...(v1Key.grade as object), rationale: 'Changed in version 2.' } } } as ScenarioDraftRecord;
    expect(await studio.publish(changed)).toEqual({ kind: 'published', version: 2 });

    expect((await catalogue.answerKey('new-call', answered.version)).grade.rationale).toBe(v1Key.grade.rationale);
    expect((await catalogue.answerKey('new-call', answered.version)).scenarioVersion).toBe(1);
    expect((await catalogue.load('new-call', 1)).clips[0]?.audio?.sources[0]?.src).toBe('audio/new-call/c-opening-v1.webm');
    expect((await catalogue.answerKey('new-call')).grade.rationale).toBe('Changed in version 2.');
    expect((await catalogue.load('new-call')).version).toBe(2);
    // A version that is not kept falls back to the latest rather than failing the call.
    expect((await catalogue.load('new-call', 9)).version).toBe(2);
  });

  it('exports a pack that, unzipped into a checkout, passes npm run scenarios:check; imported on another PC it is added once', async () => {
    const studio = studioOn();
    await studio.publish(voiced(await templateDraft(studio)));
    const pack = await studio.exportPack(['new-call'], { title: 'Studio pack', author: 'Trainer' });
    expect(pack.fileName).toBe('call-trainer-pack-2026-11-28.zip');

    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-pack-'));
    temporary.push(root);
    fs.cpSync(path.join(repoRoot, 'scenarios/force-policies'), path.join(root, 'scenarios/force-policies'), { recursive: true });
    for (const [name, bytes] of Object.entries(unzipSync(pack.bytes))) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), bytes);
    }
    const lines: string[] = [];
    expect(runScenariosCheck(root, ['scenarios/new-call'], (line) => lines.push(line))).toBe(0);
    expect(lines.join('\n')).toMatch(/1 passed, 0 failed/);

    const elsewhere = studioOn();
    const file = new File([pack.bytes as Uint8Array<ArrayBuffer>], pack.fileName);
    const first = await elsewhere.importPack(file);
    expect(first).toMatchObject({ added: 1, refused: 0 });
    expect(first.lines).toContain('Added scenario new-call (version 1): New two-branch call');
    const again = await elsewhere.importPack(file);
    expect(again).toMatchObject({ added: 0, refused: 0 });
    expect(again.lines).toContain('Already here, unchanged: scenario new-call (version 1)');
  });

  it('copies a library scenario into a draft under a new id, its audio fetched and renamed, ready to publish', async () => {
    const studio = studioOn();
    const draft = await studio.getDraft(await studio.copyLibraryScenario('mini-call'));
    const scenario = draft?.scenario as unknown as Scenario;
    expect(scenario.id).toBe('mini-call-copy');
    expect(scenario.metadata.title).toBe('Copy of Mini call');
    expect(scenario.clips.map((c) => c.audio?.sources[0]?.src)).toEqual(['c-open', 'c-safe', 'c-loud', 'c-weapon'].map((c) => `audio/mini-call-copy/${c}.webm`));
    expect(Object.keys(draft?.clipAudio ?? {})).toEqual(['c-open', 'c-safe', 'c-loud', 'c-weapon']);
    expect(draft?.startedFrom).toBe('copy of library scenario mini-call (version 1)');
    expect(await studio.publish(draft as ScenarioDraftRecord)).toEqual({ kind: 'published', version: 1 });
  });

  it('refuses to import a scenario whose id the library uses, saying why', async () => {
    const studio = studioOn();
    await studio.publish(voiced(await templateDraft(studio)));
    const pack = await studio.exportPack(['new-call'], { title: 'Studio pack', author: 'Trainer' });
    const strict = studioOn(freshDb(), new Set(['new-call']));
    const result = await strict.importPack(new File([pack.bytes as Uint8Array<ArrayBuffer>], 'p.zip'));
    expect(result).toMatchObject({ added: 0, refused: 1 });
    expect(result.lines).toContain('Refused scenario new-call (version 1): a library scenario already uses this id');
  });
});
