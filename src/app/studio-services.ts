// The trainer studio's services: drafts, publishing, and packs in and out. Loaded with the
// studio screen (main.tsx imports it with import()), so the pack reader, writer and zip code
// stay out of the first load.
import type { AnswerKey } from '../domain/answer-key-schema';
import type { ForcePolicy } from '../domain/force-policy-schema';
import { packProblems, readPack } from '../domain/pack-read';
import { packScenarioEntry, writePack } from '../domain/pack-write';
import { formatProblem } from '../domain/problem';
import type { Clip, Scenario } from '../domain/scenario-schema';

type AudioSource = NonNullable<Clip['audio']>['sources'][number];
import { SCENARIO_TEMPLATES } from '../domain/scenario-template';
import { AUDIO_EXTENSION, checkDraft, clipAudioSrc } from '../domain/studio-draft';
import type { AuthoredMediaRecord, DraftClipAudio, ScenarioDraftRecord } from '../store/studio-records';
import type { StudioRepo } from '../store/studio-repo';
import type { ScenarioCatalogue, Studio } from '../ui/app-services';

export interface StudioDependencies {
  readonly repo: StudioRepo;
  /** The bundled library, for copies. */
  readonly bundled: ScenarioCatalogue;
  readonly reservedIds: ReadonlySet<string>;
  readonly loadPolicies: () => Promise<Map<string, ForcePolicy>>;
  /** Fetches a bundled audio file by its site-relative path, for copies. */
  readonly fetchAsset: (src: string) => Promise<Uint8Array>;
  /** Serves bytes for an audio path from now on (the composed catalogue's object URLs), for previews. */
  readonly addAudio: (src: string, bytes: Uint8Array, type: string) => void;
  readonly now: () => Date;
}

const TYPE_FOR_EXTENSION: Record<string, AudioSource['type']> = Object.fromEntries(
  Object.entries(AUDIO_EXTENSION).map(([type, extension]) => [extension, type as AudioSource['type']]),
);

/** A fresh id that is neither in the library nor among drafts or authored scenarios. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The scenario and key under a new id and version, every clip's audio moved to its new name. */
function renamed(scenario: Scenario, answerKey: AnswerKey, id: string, version: number, srcFor: (clipId: string, type: AudioSource['type']) => string): { scenario: Scenario; answerKey: AnswerKey } {
  return {
    scenario: {
      ...scenario,
      id,
      version,
      clips: scenario.clips.map((clip) => {
        const source = clip.audio?.sources[0];
        return clip.audio && source ? { ...clip, audio: { ...clip.audio, sources: [{ src: srcFor(clip.id, source.type), type: source.type }] } } : clip;
      }),
    },
    answerKey: { ...answerKey, scenarioId: id, scenarioVersion: version },
  };
}

export function createStudio(deps: StudioDependencies): Studio {
  const { repo } = deps;
  let policies: Promise<Map<string, ForcePolicy>> | undefined;
  const loadPolicies = () => (policies ??= deps.loadPolicies());

  async function takenIds(): Promise<Set<string>> {
    const [latest, drafts] = await Promise.all([repo.listLatest(), new Promise<readonly ScenarioDraftRecord[]>((resolve, reject) => {
      const stop = repo.observeDrafts((list) => (stop(), resolve(list.drafts)), reject);
    })]);
    const ids = new Set(deps.reservedIds);
    for (const s of latest.scenarios) ids.add(s.scenarioId);
    for (const d of drafts) if (typeof d.scenario === 'object' && d.scenario && 'id' in d.scenario) ids.add(String(d.scenario.id));
    return ids;
  }

  async function startDraft(scenario: Scenario, answerKey: AnswerKey, clipAudio: Record<string, DraftClipAudio>, startedFrom: string): Promise<string> {
    const at = deps.now().toISOString();
    const id = crypto.randomUUID();
    await repo.saveDraft({ recordVersion: 1, id, scenario, answerKey, clipAudio, startedFrom, createdAt: at, updatedAt: at });
    return id;
  }

  let previews = 0;
  return {
    reservedIds: deps.reservedIds,
    async preparePreview(draft) {
      // Each preview plays its audio under names of its own: the player caches clips by name.
      previews += 1;
      const scenario = draft.scenario as unknown as Scenario;
      const clips = scenario.clips.map((clip) => {
        const audio = draft.clipAudio[clip.id];
        if (!audio || !clip.audio) return clip;
        const src = clipAudioSrc(scenario.id, `${clip.id}-preview-${previews}`, audio.type);
        deps.addAudio(src, audio.bytes, audio.type);
        return { ...clip, audio: { ...clip.audio, sources: [{ src, type: audio.type }] } };
      });
      return { ...scenario, clips };
    },
    observeDrafts(onChange, onError) {
      return repo.observeDrafts(
        (list) => onChange(list.drafts, list.unreadable.length),
        (error) => onError(error.message),
      );
    },
    async getDraft(id) {
      const lookup = await repo.getDraft(id);
      if (lookup.kind === 'unreadable') throw new Error(lookup.record.reason);
      return lookup.kind === 'found' ? lookup.draft : undefined;
    },
    async saveDraft(draft) {
      await repo.saveDraft(draft);
    },
    deleteDraft: (id) => repo.deleteDraft(id),
    policies: loadPolicies,
    async newDraftFromTemplate(templateId) {
      const template = SCENARIO_TEMPLATES.find((t) => t.id === templateId);
      if (!template) throw new Error(`There is no template "${templateId}".`);
      const all = await loadPolicies();
      const policy = all.get('national-call-handling-standards') ?? [...all.values()][0];
      if (!policy) throw new Error('No force policy is installed, so no answer key can be written.');
      const id = freeId('new-call', await takenIds());
      const start = template.make(id, policy);
      return startDraft(start.scenario, start.answerKey, {}, `${template.name} template`);
    },
    async copyLibraryScenario(scenarioId) {
      const [scenario, answerKey] = await Promise.all([deps.bundled.load(scenarioId), deps.bundled.answerKey(scenarioId)]);
      const id = freeId(`${scenarioId}-copy`, await takenIds());
      const clipAudio: Record<string, DraftClipAudio> = {};
      for (const clip of scenario.clips) {
        const source = clip.audio?.sources[0];
        if (!clip.audio || !source) continue;
        clipAudio[clip.id] = {
          type: source.type,
          bytes: await deps.fetchAsset(source.src),
          durationSeconds: clip.audio.durationSeconds,
          origin: 'imported',
          from: `library scenario ${scenarioId}`,
          telephoneFilter: false,
          noiseBed: false,
        };
      }
      // Shared pictures and update audio are not authored in the studio yet: the copy leaves them out.
      const { sharedMedia: _media, updates, ...rest } = scenario;
      const base: Scenario = { ...rest, ...(updates ? { updates: updates.map(({ audio: _audio, ...update }) => update) } : {}) };
      const copy = renamed(base, answerKey, id, 1, (clipId, type) => clipAudioSrc(id, clipId, type));
      copy.scenario.metadata = { ...copy.scenario.metadata, title: `Copy of ${scenario.metadata.title}`.slice(0, 120) };
      return startDraft(copy.scenario, copy.answerKey, clipAudio, `copy of library scenario ${scenarioId} (version ${scenario.version})`);
    },
    async publish(draft) {
      const checked = checkDraft({ scenario: draft.scenario, answerKey: draft.answerKey, audio: draft.clipAudio }, await loadPolicies(), deps.reservedIds);
      if (checked.problems.length > 0 || !checked.scenario || !checked.answerKey) return { kind: 'refused', problems: checked.problems };
      const { scenario, answerKey } = checked;
      const publishedAt = deps.now().toISOString();
      const stored = await repo.publishNextVersion(scenario.id, (version) => {
        const next = renamed(scenario, answerKey, scenario.id, version, (clipId, type) => clipAudioSrc(scenario.id, clipId, type, version));
        const media: AuthoredMediaRecord[] = next.scenario.clips.flatMap((clip) => {
          const audio = draft.clipAudio[clip.id];
          const source = clip.audio?.sources[0];
          return audio && source ? [{ recordVersion: 1 as const, scenarioId: scenario.id, version, clipId: clip.id, src: source.src, type: source.type, bytes: audio.bytes }] : [];
        });
        return { scenario: { recordVersion: 1, scenarioId: scenario.id, version, scenario: next.scenario, answerKey: next.answerKey, publishedAt, origin: 'studio' }, media };
      });
      return { kind: 'published', version: stored.version };
    },
    async listPublished() {
      const { scenarios } = await repo.listLatest();
      return scenarios
        .map((s) => ({ id: s.scenarioId, version: s.version, title: s.scenario.metadata.title }))
        .sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
    },
    async exportPack(scenarioIds, about) {
      const files = new Map<string, Uint8Array>();
      const entries = [];
      const encode = (json: unknown) => new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`);
      for (const id of scenarioIds) {
        const record = await repo.getAuthored(id);
        if (!record) throw new Error(`There is no published scenario "${id}" to export.`);
        files.set(`scenarios/${id}/scenario.json`, encode(record.scenario));
        files.set(`scenarios/${id}/answer-key.json`, encode(record.answerKey));
        for (const media of await repo.mediaFor(id, record.version)) files.set(`assets/${media.src}`, media.bytes);
        entries.push(packScenarioEntry(record.scenario));
      }
      const createdAt = deps.now();
      const bytes = await writePack(files, { title: about.title, author: about.author, createdAt: createdAt.toISOString(), scenarios: entries });
      return { fileName: `call-trainer-pack-${createdAt.toISOString().slice(0, 10)}.zip`, bytes };
    },
    async importPack(file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { report, scenarios } = await readPack(bytes, { packName: file.name, policies: await loadPolicies() });
      const lines: string[] = [];
      let added = 0;
      let refused = 0;
      for (const refusal of report.refused) {
        refused += 1;
        lines.push(`Refused ${refusal.subject} ${refusal.name}:`);
        for (const problem of refusal.problems) lines.push(`  ${formatProblem(problem)}`);
      }
      for (const item of scenarios) {
        const { scenario, answerKey } = item;
        const refuse = (reason: string) => {
          refused += 1;
          lines.push(`Refused scenario ${scenario.id} (version ${scenario.version}): ${reason}`);
        };
        if (deps.reservedIds.has(scenario.id)) {
          refuse('a library scenario already uses this id');
          continue;
        }
        if ((scenario.sharedMedia ?? []).length > 0 || (scenario.updates ?? []).some((u) => u.audio)) {
          refuse('it has shared pictures or update audio, which authored scenarios cannot hold yet');
          continue;
        }
        const media: AuthoredMediaRecord[] = [];
        for (const clip of scenario.clips) {
          const source = clip.audio?.sources.find((s) => item.assets.has(s.src));
          const assetBytes = source && item.assets.get(source.src);
          if (!source || !assetBytes) continue;
          const type = TYPE_FOR_EXTENSION[source.src.split('.').at(-1) ?? ''] ?? source.type;
          media.push({ recordVersion: 1, scenarioId: scenario.id, version: scenario.version, clipId: clip.id, src: source.src, type, bytes: assetBytes });
        }
        const outcome = await repo.addVersion({
          scenario: { recordVersion: 1, scenarioId: scenario.id, version: scenario.version, scenario, answerKey, publishedAt: deps.now().toISOString(), origin: 'pack' },
          media,
        });
        if (outcome === 'added') {
          added += 1;
          lines.push(`Added scenario ${scenario.id} (version ${scenario.version}): ${scenario.metadata.title}`);
        } else if (outcome === 'unchanged') {
          lines.push(`Already here, unchanged: scenario ${scenario.id} (version ${scenario.version})`);
        } else {
          refuse('this PC already has that version with different content; publish it under a new version instead');
        }
      }
      const head = `${file.name}: ${added} scenario(s) added, ${refused} refused${packProblems(report).length > 0 ? ` (${packProblems(report).length} problem(s))` : ''}.`;
      return { added, refused, lines: [head, ...lines] };
    },
  };
}
