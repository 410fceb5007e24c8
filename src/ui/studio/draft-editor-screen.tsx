import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnswerKey } from '../../domain/answer-key-schema';
import { expertResponse } from '../../domain/expert-response';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { isTextClip, type CallNode, type ContactKind, type Scenario, type TranscriptLine } from '../../domain/scenario-schema';
import { captionsForTranscript } from '../../domain/scenario-template';
import {
  emptySoundLine,
  emptySpeechLine,
  speakerLabeller,
  withClipMedium,
  withContactKind,
  withLineAdded,
  withLineRemoved,
  withLineSpeaker,
  withSpeakerLabel,
  withVoiceAdded,
  withVoiceRemoved,
  type ClipMedium,
} from '../../domain/studio-clip-edit';
import { scoreAttempt } from '../../domain/scoring';
import { checkDraft, clipAudioSrc } from '../../domain/studio-draft';
import { withNodeAdded, withNodeRemoved, withOptionAdded } from '../../domain/studio-graph-edit';
import type { DraftClipAudio, ScenarioDraftRecord } from '../../store/studio-records';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { AnswerKeySection } from './answer-key-form';
import { ClipAudio } from './clip-audio';
import { DraftFormProvider, type DraftForm } from './draft-fields';
import { getAtPath, setAtPath } from './draft-edit';
import { KeyChecksSection } from './key-checks-form';
import { placeProblems, problemsByField, withoutCaptionEchoes, type DraftPart } from './problem-fields';
import { CallGraphSection, ClipsSection, MetadataSection } from './scenario-form';
import { SystemsSection, UpdatesSection } from './systems-form';
import './studio.css';

/** How long typing must pause before the draft is saved. */
const AUTOSAVE_DELAY_MS = 600;

/** Whether a draft's JSON has the shape the forms edit (a broken draft is shown, not edited). */
function editable(draft: ScenarioDraftRecord): boolean {
  const s = draft.scenario as Partial<Scenario> | null;
  const k = draft.answerKey as Partial<AnswerKey> | null;
  return (
    !!s && typeof s === 'object' && !!s.metadata && !!s.callContext && Array.isArray(s.clips) && Array.isArray(s.speakers) && !!s.callGraph && Array.isArray(s.callGraph.nodes) &&
    !!k && typeof k === 'object' && !!k.expert && !!k.grade && !!k.thrive && Array.isArray(k.safeguardingActions) && Array.isArray(k.keyQuestions) && Array.isArray(k.criticalMisses) && Array.isArray(k.teachingPoints)
  );
}

export function DraftEditorScreen({ draftId }: { draftId: string }) {
  const { studio } = useServices();
  const loaded = useLoad(async () => {
    const [draft, policies] = await Promise.all([studio.getDraft(draftId), studio.policies()]);
    return { draft, policies };
  }, draftId);
  if (loaded.status === 'loading') return <LoadingMessage what="the draft" />;
  if (loaded.status === 'failed' || !loaded.value.draft) {
    return (
      <>
        <ScreenHeading title="Draft not found">Draft not found</ScreenHeading>
        {loaded.status === 'failed' ? <ErrorMessage title="The draft could not be opened" message={loaded.message} /> : <p>There is no such draft on this PC.</p>}
        <p>
          <a href={routeHref({ screen: 'studio' })}>Back to the studio</a>
        </p>
      </>
    );
  }
  if (!editable(loaded.value.draft)) {
    return (
      <>
        <ScreenHeading title="Draft cannot be edited">Draft cannot be edited</ScreenHeading>
        <p>This draft is missing parts the forms need, so it cannot be edited here. Export or delete it from the studio.</p>
      </>
    );
  }
  return <DraftEditor initial={loaded.value.draft} policies={loaded.value.policies} />;
}

function DraftEditor({ initial, policies }: { initial: ScenarioDraftRecord; policies: ReadonlyMap<string, ForcePolicy> }) {
  const { studio, profileName } = useServices();
  const [draft, setDraft] = useState(initial);
  const [saveStatus, setSaveStatus] = useState('All changes saved.');
  const [publishStatus, setPublishStatus] = useState<string | undefined>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  // A change not yet saved when the editor closes (e.g. going straight to the preview) is saved then.
  const pending = useRef<ScenarioDraftRecord | undefined>(undefined);
  useEffect(
    () => () => {
      const unsaved = pending.current;
      if (unsaved) void studio.saveDraft({ ...unsaved, updatedAt: new Date().toISOString() }).catch(() => undefined);
    },
    [studio],
  );
  const scenario = draft.scenario as unknown as Scenario;
  const answerKey = draft.answerKey as unknown as AnswerKey;
  const policy = policies.get(String(scenario.forcePolicy)) ?? [...policies.values()][0];

  // Autosave: each change is written once typing pauses; the status line says where it stands.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setSaveStatus('Saving…');
    pending.current = draft;
    const timer = setTimeout(() => {
      pending.current = undefined;
      studio.saveDraft({ ...draft, updatedAt: new Date().toISOString() }).then(
        () => setSaveStatus('Saved.'),
        (error: unknown) => setSaveStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, studio]);

  const checked = useMemo(() => checkDraft({ scenario: draft.scenario, answerKey: draft.answerKey, audio: draft.clipAudio }, policies, studio.reservedIds), [draft, policies, studio.reservedIds]);
  const placed = useMemo(() => placeProblems(withoutCaptionEchoes(checked.problems, draft.scenario)), [checked, draft.scenario]);
  const byField = useMemo(() => problemsByField(placed), [placed]);
  const expertScore = useMemo(() => {
    if (checked.problems.length > 0 || !checked.scenario || !checked.answerKey || !policy) return undefined;
    const response = expertResponse(checked.scenario, checked.answerKey, policy);
    return response ? scoreAttempt(checked.scenario, checked.answerKey, response, policy) : undefined;
  }, [checked, policy]);

  const form: DraftForm = useMemo(
    () => ({
      problems: byField,
      set: (part: DraftPart, path: string, value: unknown) =>
        setDraft((d) => {
          if (part === 'k') return { ...d, answerKey: setAtPath(d.answerKey, path, value) as ScenarioDraftRecord['answerKey'] };
          let next = setAtPath(d.scenario, path, value) as unknown as Scenario;
          let key = d.answerKey as unknown as AnswerKey;
          // A line's words (a speech line's text, a sound's caption) are its caption's text too;
          // a line's voice and a voice's name are its captions' speaker.
          const line = /^\$\.clips\[(\d+)\]\.transcript\[(\d+)\]\.(?:text|caption)$/.exec(path);
          const lineSpeaker = /^\$\.clips\[(\d+)\]\.transcript\[(\d+)\]\.speaker$/.exec(path);
          const speakerLabel = /^\$\.speakers\[(\d+)\]\.label$/.exec(path);
          if (lineSpeaker) next = withLineSpeaker(d.scenario as unknown as Scenario, Number(lineSpeaker[1]), Number(lineSpeaker[2]), String(value));
          if (speakerLabel) next = withSpeakerLabel(d.scenario as unknown as Scenario, Number(speakerLabel[1]), String(value));
          if (line) {
            const [i, j] = [Number(line[1]), Number(line[2])];
            const captions = (getAtPath(next, `$.clips[${i}].captions`) as Scenario['clips'][number]['captions'] | undefined) ?? [];
            next = setAtPath(next, `$.clips[${i}].captions`, captions.map((c) => (c.line === j ? { ...c, text: value } : c))) as Scenario;
          }
          if (path === '$.id') {
            const id = String(value);
            next = { ...next, clips: next.clips.map((clip) => (clip.audio ? { ...clip, audio: { ...clip.audio, sources: clip.audio.sources.map((s) => ({ ...s, src: clipAudioSrc(id, clip.id, s.type) })) } } : clip)) };
            key = { ...key, scenarioId: id };
          }
          return { ...d, scenario: next as unknown as ScenarioDraftRecord['scenario'], answerKey: key as unknown as ScenarioDraftRecord['answerKey'] };
        }),
    }),
    [byField],
  );

  function setClipAudio(index: number, audio: DraftClipAudio | undefined) {
    setDraft((d) => {
      const s = d.scenario as unknown as Scenario;
      const clip = s.clips[index];
      if (!clip) return d;
      const clipAudio = { ...d.clipAudio };
      let updated = { ...clip };
      if (audio) {
        clipAudio[clip.id] = audio;
        const label = (speakerId: string) => s.speakers.find((sp) => sp.id === speakerId)?.label ?? speakerId;
        updated = {
          ...updated,
          audio: { sources: [{ src: clipAudioSrc(s.id, clip.id, audio.type), type: audio.type }], durationSeconds: audio.durationSeconds },
          captions: captionsForTranscript(clip.transcript, label, audio.durationSeconds),
          provenance:
            audio.origin === 'recorded'
              ? { kind: 'recorded', by: profileName || 'Trainer', recordedOn: new Date().toISOString().slice(0, 10) }
              : { kind: 'imported', source: audio.from, by: profileName || 'Trainer' },
        };
      } else {
        delete clipAudio[clip.id];
        const { audio: _audio, provenance: _provenance, ...rest } = updated;
        updated = rest;
      }
      const clips = s.clips.map((c, i) => (i === index ? updated : c));
      return { ...d, clipAudio, scenario: { ...s, clips } as unknown as ScenarioDraftRecord['scenario'] };
    });
  }

  /** Sets a structural edit of the scenario (and its key), dropping the audio of clips now read as text. */
  function editScenario(edit: (s: Scenario, k: AnswerKey) => { scenario: Scenario; answerKey?: AnswerKey }) {
    setDraft((d) => {
      const { scenario: next, answerKey: key } = edit(d.scenario as unknown as Scenario, d.answerKey as unknown as AnswerKey);
      // A clip read as text, or gone with its node, keeps no audio.
      const clipAudio = { ...d.clipAudio };
      for (const clipId of Object.keys(clipAudio)) {
        const clip = next.clips.find((c) => c.id === clipId);
        if (!clip || isTextClip(clip)) delete clipAudio[clipId];
      }
      return {
        ...d,
        clipAudio,
        scenario: next as unknown as ScenarioDraftRecord['scenario'],
        ...(key ? { answerKey: key as unknown as ScenarioDraftRecord['answerKey'] } : {}),
      };
    });
  }

  const clipEdits = {
    addLine: (clipIndex: number, kind: TranscriptLine['kind']) =>
      editScenario((s) => ({ scenario: withLineAdded(s, clipIndex, kind === 'speech' ? emptySpeechLine(s.speakers) : emptySoundLine()) })),
    removeLine: (clipIndex: number, lineIndex: number) => editScenario((s, k) => withLineRemoved(s, k, clipIndex, lineIndex)),
    setMedium: (clipIndex: number, medium: ClipMedium) =>
      editScenario((s) => ({ scenario: { ...s, clips: s.clips.map((c, i) => (i === clipIndex ? withClipMedium(c, medium, speakerLabeller(s.speakers)) : c)) } })),
  };
  const voiceEdits = {
    addVoice: () => editScenario((s) => ({ scenario: withVoiceAdded(s) })),
    removeVoice: (speakerIndex: number) => editScenario((s) => ({ scenario: withVoiceRemoved(s, speakerIndex) })),
    setContactKind: (kind: ContactKind) => editScenario((s) => ({ scenario: withContactKind(s, kind) })),
  };

  const graphEdits = {
    addNode: (kind: CallNode['kind']) => editScenario((s) => ({ scenario: withNodeAdded(s, kind) })),
    addOption: (nodeIndex: number) => editScenario((s) => ({ scenario: withOptionAdded(s, nodeIndex) })),
    removeNode: (nodeIndex: number) => editScenario((s) => ({ scenario: withNodeRemoved(s, nodeIndex) })),
  };

  async function publish() {
    if (checked.problems.length > 0) {
      setPublishStatus(`Not published: fix the ${placed.length} problem(s) listed first.`);
      summaryRef.current?.focus();
      return;
    }
    setPublishStatus('Publishing…');
    try {
      const result = await studio.publish(draft);
      setPublishStatus(
        result.kind === 'published'
          ? `Published "${scenario.metadata.title}" as version ${result.version}. It is in the library; earlier versions and the attempts made with them are kept.`
          : `Not published: ${result.problems.length} problem(s) found.`,
      );
    } catch (error) {
      setPublishStatus(`Not published: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const toRecord = scenario.clips.filter((clip) => clip.medium !== 'text' && !draft.clipAudio[clip.id]);
  const title = typeof scenario.metadata.title === 'string' && scenario.metadata.title ? scenario.metadata.title : 'Untitled scenario';

  return (
    <DraftFormProvider form={form}>
      <ScreenHeading title={`Studio: ${title}`}>Studio: {title}</ScreenHeading>
      <p>
        <a href={routeHref({ screen: 'studio' })}>Back to the studio</a> · Started from {draft.startedFrom}.
      </p>
      <p role="status" className="status-message studio-save-status">
        {saveStatus}
      </p>
      <div ref={summaryRef} tabIndex={-1} className={checked.problems.length > 0 ? 'error-summary' : 'studio-ok'} aria-labelledby="studio-problems-heading">
        <h2 id="studio-problems-heading">{placed.length > 0 ? `${placed.length} problem(s) to fix before publishing` : 'No problems: ready to publish'}</h2>
        {checked.problems.length > 0 ? (
          <ul>
            {placed.map(({ problem, fieldId }, i) => (
              <li key={i}>
                <a
                  href={`#${fieldId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    const target = document.getElementById(fieldId);
                    target?.focus();
                    target?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {problem.file === 'answer-key.json' ? 'Answer key' : 'Scenario'} {problem.path}: {problem.message}
                </a>
              </li>
            ))}
          </ul>
        ) : expertScore ? (
          <p>The expert answer, run through the scorer, scores {Math.round(expertScore.percent * 10) / 10}%{expertScore.criticalMisses.length === 0 ? ' with no critical miss' : ''}.</p>
        ) : null}
      </div>
      <section aria-labelledby="studio-to-record">
        <h2 id="studio-to-record">Clips still to record</h2>
        {toRecord.length === 0 ? <p>Every clip has audio.</p> : (
          <ul>
            {toRecord.map((clip) => (
              <li key={clip.id}>{clip.id}: {clip.transcript.map((l) => (l.kind === 'speech' ? l.text : l.caption)).join(' ')}</li>
            ))}
          </ul>
        )}
      </section>
      <MetadataSection scenario={scenario} edits={voiceEdits} />
      <ClipsSection
        scenario={scenario}
        edits={clipEdits}
        audio={(clip, index) => <ClipAudio clip={clip} index={index} speakers={scenario.speakers} audio={draft.clipAudio[clip.id]} onChange={(audio) => setClipAudio(index, audio)} />}
      />
      <CallGraphSection scenario={scenario} onAdd={graphEdits.addNode} onAddOption={graphEdits.addOption} onRemove={graphEdits.removeNode} />
      <SystemsSection scenario={scenario} />
      <UpdatesSection scenario={scenario} />
      {policy ? (
        <>
          <AnswerKeySection scenario={scenario} answerKey={answerKey} policy={policy} />
          <KeyChecksSection scenario={scenario} answerKey={answerKey} policy={policy} />
        </>
      ) : (
        <p>No force policy is installed, so the answer key cannot be edited.</p>
      )}
      <section aria-labelledby="studio-preview">
        <h2 id="studio-preview">Preview</h2>
        {checked.problems.length === 0 ? (
          <p>
            <a href={routeHref({ screen: 'studio-preview', draftId: draft.id })}>Play the draft as a trainee</a> (practice mode; scored against this answer key; nothing is saved).
          </p>
        ) : (
          <p>Fix the problems listed above to play the draft as a trainee.</p>
        )}
      </section>
      <section aria-labelledby="studio-publish">
        <h2 id="studio-publish">Publish</h2>
        <p>Publishing checks the draft as <code>npm run scenarios:check</code> does and adds it to the library as a new version.</p>
        <button type="button" onClick={() => void publish()}>
          Publish to the library
        </button>
        <p role="status" className="status-message">
          {publishStatus}
        </p>
      </section>
    </DraftFormProvider>
  );
}
