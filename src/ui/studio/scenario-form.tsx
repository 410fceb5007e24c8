import { useState, type ReactNode } from 'react';
import {
  contactKinds,
  difficultySchema,
  incidentTypes,
  soundIds,
  type CallNode,
  type Clip,
  type ContactKind,
  type Scenario,
  type SoundId,
  type TranscriptLine,
} from '../../domain/scenario-schema';
import { DEFAULT_NEUTRAL_CAPTION, canRemoveVoice, clipMediumOf, linesSpokenBy, type ClipMedium } from '../../domain/studio-clip-edit';
import { difficultyLabels, incidentTypeLabels } from '../shared/domain-labels';
import { CheckboxField, FieldGroup, LinesField, NumberField, SelectField, TextField, useDraftForm, type Choice } from './draft-fields';
import { fieldId } from './problem-fields';

const nodeKindLabels: Record<CallNode['kind'], string> = {
  callerSpeech: 'caller line',
  questionChoice: 'question choice',
  end: 'end of call',
};

const outcomeChoices: Choice[] = [
  { value: 'call-completed', label: 'Call completed' },
  { value: 'caller-disconnected', label: 'Caller hangs up' },
  { value: 'line-dropped', label: 'Line drops' },
];

const contactKindLabels: Record<ContactKind, string> = {
  'voice-call': 'Voice call (heard)',
  'emergency-sms': 'Emergency SMS (text)',
  'online-report': 'Online report (text)',
  'social-media-message': 'Social-media message (text)',
};

const soundLabels: Record<SoundId, string> = {
  'door-banging': 'Door banging',
  'child-crying': 'Child crying',
  'glass-breaking': 'Glass breaking',
  'muffled-shouting': 'Muffled shouting',
  television: 'Television',
  traffic: 'Traffic',
  silence: 'Silence',
};

const mediumChoices: Choice[] = [
  { value: 'audio', label: 'Heard: audio of the call' },
  { value: 'text', label: 'Read: text messages (emergency SMS, online report)' },
];

const roleChoices: Choice[] = [
  { value: 'caller', label: 'The caller' },
  { value: 'background', label: 'Someone in the background' },
];

/** What the studio changes in the voices and the kind of contact, beyond a field's own value. */
export interface VoiceEdits {
  readonly addVoice: () => void;
  readonly removeVoice: (speakerIndex: number) => void;
  /** Sets the kind of contact and switches every clip to match (heard or read). */
  readonly setContactKind: (kind: ContactKind) => void;
}

/** The scenario's metadata, caller and call context, and its voices. */
export function MetadataSection({ scenario, edits }: { scenario: Scenario; edits: VoiceEdits }) {
  const m = scenario.metadata;
  return (
    <section aria-labelledby="studio-metadata">
      <h2 id="studio-metadata">About the call</h2>
      <FieldGroup part="s" path="$" legend="Scenario">
        <TextField part="s" path="$.id" label="Scenario id" hint='Lower-case words joined by hyphens, e.g. "door-kicked-999". It names the scenario in packs and in attempts.' value={scenario.id} />
        <TextField part="s" path="$.metadata.title" label="Title" value={m.title} />
        <TextField part="s" path="$.metadata.summary" label="Summary (shown in the library; must not give the answer away)" value={m.summary} multiline />
        <SelectField part="s" path="$.metadata.incidentType" label="Incident type" value={m.incidentType} choices={incidentTypes.map((t) => ({ value: t, label: incidentTypeLabels[t] }))} />
        <SelectField part="s" path="$.metadata.channel" label="Channel" value={m.channel} choices={[{ value: '999', label: '999' }, { value: '101', label: '101' }]} />
        <SelectField part="s" path="$.metadata.difficulty" label="Difficulty" value={m.difficulty} choices={difficultySchema.options.map((d) => ({ value: d, label: difficultyLabels[d] }))} />
        <SelectField
          part="s"
          path="$.metadata.contactKind"
          label="Kind of contact"
          hint="A text contact's clips are messages read on screen, with no audio. Choosing a kind switches every clip to match."
          value={m.contactKind ?? 'voice-call'}
          choices={contactKinds.map((k) => ({ value: k, label: contactKindLabels[k] }))}
          onChoose={(v) => edits.setContactKind(v as ContactKind)}
        />
        <NumberField part="s" path="$.metadata.estimatedMinutes" label="Estimated minutes" value={m.estimatedMinutes} />
        <LinesField part="s" path="$.metadata.learningObjectives" label="Learning objectives (one a line)" value={m.learningObjectives} />
        <LinesField part="s" path="$.metadata.contentWarnings" label="Content warnings (one a line; leave empty for none)" value={m.contentWarnings} />
        <TextField part="s" path="$.callContext.callerNumber" label="Caller's number (shown as the call rings)" value={scenario.callContext.callerNumber} />
      </FieldGroup>
      <FieldGroup part="s" path="$.speakers" legend="Caller and other voices">
        {scenario.speakers.map((speaker, i) => {
          const lines = linesSpokenBy(scenario, speaker.id);
          return (
            <FieldGroup key={i} part="s" path={`$.speakers[${i}]`} legend={`Voice "${speaker.id}"`}>
              <div className="studio-row">
                <TextField part="s" path={`$.speakers[${i}].label`} label={`Caption name for voice "${speaker.id}"`} value={speaker.label} />
                <SelectField part="s" path={`$.speakers[${i}].role`} label={`Voice "${speaker.id}" is`} value={speaker.role} choices={roleChoices} />
              </div>
              <VoiceSynthesis at={`$.speakers[${i}]`} speaker={speaker} />
              {canRemoveVoice(scenario, i) ? (
                <button type="button" onClick={() => edits.removeVoice(i)}>
                  Remove voice "{speaker.id}"
                </button>
              ) : (
                <p>{lines > 0 ? `Says ${lines} line(s): give them to another voice to remove this one.` : 'The only voice: a scenario needs one.'}</p>
              )}
            </FieldGroup>
          );
        })}
        <button type="button" onClick={edits.addVoice}>
          Add a voice
        </button>
      </FieldGroup>
    </section>
  );
}

/** What the studio changes in a clip beyond a field's own value. */
const engineChoices: Choice[] = [
  { value: 'flite', label: 'flite' },
  { value: 'festival', label: 'festival' },
  { value: 'espeak-ng', label: 'espeak-ng' },
];

/** Whether any of these fields has a problem. */
function anyProblem(problems: ReadonlyMap<string, readonly string[]>, paths: readonly string[]): boolean {
  return paths.some((path) => (problems.get(fieldId('s', path))?.length ?? 0) > 0);
}

/**
 * Details folded away until `wanted` (something set, or a problem), then open until the trainer
 * folds them: clearing the last value must not fold the fields away under the keyboard focus.
 */
function FoldedFields({ summary, wanted, children }: { summary: string; wanted: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(wanted);
  const [wantedBefore, setWantedBefore] = useState(wanted);
  if (wanted !== wantedBefore) {
    setWantedBefore(wanted);
    if (wanted) setOpen(true);
  }
  return (
    <details className="studio-folded" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** How the voice pipeline (`npm run voice`) synthesises a voice: engine, voice, speed and pitch. */
function VoiceSynthesis({ at, speaker }: { at: string; speaker: Scenario['speakers'][number] }) {
  const form = useDraftForm();
  const name = `Voice "${speaker.id}"`;
  const paths = [`${at}.voice`, `${at}.voice.engine`, `${at}.voice.voice`, `${at}.voice.rate`, `${at}.voice.pitchHz`];
  return (
    <FoldedFields summary={`${name}: synthesis for the voice pipeline`} wanted={anyProblem(form.problems, paths)}>
      <FieldGroup part="s" path={`${at}.voice`} legend={`How the voice pipeline speaks ${name.toLowerCase()}`}>
        <div className="studio-row">
          <SelectField part="s" path={`${at}.voice.engine`} label={`${name}: speech engine`} value={speaker.voice.engine} choices={engineChoices} />
          <TextField
            part="s"
            path={`${at}.voice.voice`}
            label={`${name}: engine voice`}
            hint="flite: rms, awb, slt or kal; festival: a voice name; espeak-ng: e.g. en-gb-x-rp+f3."
            value={speaker.voice.voice}
          />
          <NumberField part="s" path={`${at}.voice.rate`} label={`${name}: speed (optional)`} hint="0.5 to 2; 1 is normal." value={speaker.voice.rate} />
          <NumberField part="s" path={`${at}.voice.pitchHz`} label={`${name}: pitch in Hz (optional)`} hint="50 to 400." value={speaker.voice.pitchHz} />
        </div>
      </FieldGroup>
    </FoldedFields>
  );
}

type SpeechLine = Extract<TranscriptLine, { kind: 'speech' }>;

/**
 * How a heard line is spoken: the pause before it, speed, volume, pitch and whispering. The voice
 * pipeline (`npm run voice`) renders the line with them and the studio's system-voice preview
 * uses speed, volume and whispering; a recording keeps its own. Folded away until one is set or
 * one has a problem.
 */
function LineDelivery({ lineAt, lineName, line }: { lineAt: string; lineName: string; line: SpeechLine }) {
  const form = useDraftForm();
  const paths = [`${lineAt}.pauseBefore`, `${lineAt}.delivery`, ...deliveryFields.map((f) => `${lineAt}.delivery.${f}`)];
  const delivery = line.delivery ?? {};
  const isSet = line.pauseBefore !== undefined || Object.values(delivery).some((v) => v !== undefined);
  return (
    <FoldedFields summary={`${lineName}: delivery (optional)`} wanted={isSet || anyProblem(form.problems, paths)}>
      <FieldGroup part="s" path={`${lineAt}.delivery`} legend={`How ${lineName.toLowerCase()} is spoken`}>
        <div className="studio-row">
          <NumberField part="s" path={`${lineAt}.pauseBefore`} label={`${lineName}: pause before (seconds)`} hint="0 to 10." value={line.pauseBefore} />
          <NumberField part="s" path={`${lineAt}.delivery.rate`} label={`${lineName}: speed`} hint="0.5 to 2; 1 is the voice's own." value={delivery.rate} />
          <NumberField part="s" path={`${lineAt}.delivery.volume`} label={`${lineName}: volume`} hint="0.05 to 2; 1 is normal." value={delivery.volume} />
          <NumberField part="s" path={`${lineAt}.delivery.pitchHz`} label={`${lineName}: pitch (Hz)`} hint="50 to 400, for the voice pipeline only." value={delivery.pitchHz} />
        </div>
        <CheckboxField part="s" path={`${lineAt}.delivery.whisper`} label={`${lineName}: whispered`} hint="Quiet and breathy, as when the caller cannot talk freely." value={delivery.whisper} />
      </FieldGroup>
    </FoldedFields>
  );
}

const deliveryFields = ['rate', 'volume', 'pitchHz', 'whisper'] as const;

export interface ClipEdits {
  readonly addLine: (clipIndex: number, kind: TranscriptLine['kind']) => void;
  readonly removeLine: (clipIndex: number, lineIndex: number) => void;
  readonly setMedium: (clipIndex: number, medium: ClipMedium) => void;
}

/**
 * Every clip: heard or read, its lines (speech, by a voice, or sounds), caption timings (a text
 * clip's are its messages' arrival times) and, for a heard clip, its audio (`audio` renders the
 * audio controls).
 */
export function ClipsSection({ scenario, audio, edits }: { scenario: Scenario; audio: (clip: Clip, index: number) => ReactNode; edits: ClipEdits }) {
  const speakerChoices: Choice[] = scenario.speakers.map((s) => ({ value: s.id, label: s.label || `Voice "${s.id}" (no caption name yet)` }));
  const soundChoices: Choice[] = soundIds.map((id) => ({ value: id, label: soundLabels[id] }));
  return (
    <section aria-labelledby="studio-clips">
      <h2 id="studio-clips">Caller lines and their audio</h2>
      <FieldGroup part="s" path="$.clips" legend="Clips">
        {scenario.clips.map((clip, i) => {
          const text = clipMediumOf(clip) === 'text';
          const name = `Clip ${clip.id}`;
          const at = `$.clips[${i}]`;
          return (
            <FieldGroup key={clip.id + i} part="s" path={at} legend={name}>
              <SelectField part="s" path={`${at}.medium`} label={`${name}: how it reaches the call handler`} value={clipMediumOf(clip)} choices={mediumChoices} onChoose={(v) => edits.setMedium(i, v as ClipMedium)} />
              {clip.transcript.map((line, j) => {
                const lineAt = `${at}.transcript[${j}]`;
                const lineName = `${name}, line ${j + 1}`;
                return (
                  <FieldGroup key={j} part="s" path={lineAt} legend={`${lineName}: ${line.kind === 'sound' ? 'a sound' : text ? 'a message' : 'speech'}`}>
                    {line.kind === 'speech' ? (
                      <>
                        <SelectField part="s" path={`${lineAt}.speaker`} label={`${lineName}: who ${text ? 'writes' : 'says'} it`} value={line.speaker} choices={speakerChoices} />
                        <TextField part="s" path={`${lineAt}.text`} label={`${lineName}: ${text ? 'the message' : 'what is said'}`} value={line.text} multiline />
                        {text ? null : <LineDelivery lineAt={lineAt} lineName={lineName} line={line} />}
                      </>
                    ) : (
                      <>
                        <div className="studio-row">
                          <SelectField part="s" path={`${lineAt}.sound`} label={`${lineName}: sound`} value={line.sound} choices={soundChoices} />
                          <NumberField part="s" path={`${lineAt}.durationSeconds`} label={`${lineName}: lasts (seconds)`} value={line.durationSeconds} />
                          <NumberField part="s" path={`${lineAt}.pauseBefore`} label={`${lineName}: pause before (seconds, optional)`} value={line.pauseBefore} />
                        </div>
                        <TextField part="s" path={`${lineAt}.caption`} label={`${lineName}: caption`} hint='What is heard, in square brackets, e.g. "[child crying]".' value={line.caption} />
                        <TextField
                          part="s"
                          path={`${lineAt}.neutralCaption`}
                          label={`${lineName}: neutral caption for assessment mode (optional)`}
                          hint={`Shown in assessment mode so the caption does not give the answer away; "${DEFAULT_NEUTRAL_CAPTION}" when empty.`}
                          value={line.neutralCaption}
                          optional
                        />
                        <CheckboxField part="s" path={`${lineAt}.underPrevious`} label={`${lineName}: under the previous line`} hint="Mixed under the previous line instead of after it." value={line.underPrevious} />
                      </>
                    )}
                    {clip.transcript.length > 1 ? (
                      <button type="button" onClick={() => edits.removeLine(i, j)}>
                        Remove line {j + 1} of clip {clip.id}
                      </button>
                    ) : null}
                  </FieldGroup>
                );
              })}
              <p className="studio-actions">
                <button type="button" onClick={() => edits.addLine(i, 'speech')}>
                  Add a {text ? 'message' : 'speech line'} to clip {clip.id}
                </button>
                {text ? null : (
                  <button type="button" onClick={() => edits.addLine(i, 'sound')}>
                    Add a sound line to clip {clip.id}
                  </button>
                )}
              </p>
              <FieldGroup part="s" path={`${at}.captions`} legend={text ? `Message times of clip ${clip.id} (seconds from the clip's start)` : `Caption timings of clip ${clip.id} (seconds)`}>
                {clip.captions.map((caption, j) => (
                  <div key={j} className="studio-row">
                    <NumberField part="s" path={`${at}.captions[${j}].start`} label={text ? `${name}, message ${j + 1} arrives at` : `${name}, caption ${j + 1} starts at`} value={caption.start} />
                    <NumberField part="s" path={`${at}.captions[${j}].end`} label={text ? `${name}, message ${j + 1} shown until` : `${name}, caption ${j + 1} ends at`} value={caption.end} />
                  </div>
                ))}
              </FieldGroup>
              {text ? null : audio(clip, i)}
            </FieldGroup>
          );
        })}
      </FieldGroup>
    </section>
  );
}

/** The call graph: where the call starts, and each node with where it leads. */
export function CallGraphSection({ scenario, onAdd, onAddOption, onRemove }: {
  scenario: Scenario;
  onAdd: (kind: CallNode['kind']) => void;
  onAddOption: (nodeIndex: number) => void;
  onRemove: (nodeIndex: number) => void;
}) {
  const nodes = scenario.callGraph.nodes;
  const nodeChoices: Choice[] = nodes.map((n) => ({ value: n.id, label: `${n.id} (${nodeKindLabels[n.kind] ?? n.kind})` }));
  const clipChoices: Choice[] = scenario.clips.map((c) => ({ value: c.id, label: c.id }));
  return (
    <section aria-labelledby="studio-graph">
      <h2 id="studio-graph">The call: what happens, and what the trainee can ask</h2>
      <SelectField part="s" path="$.callGraph.start" label="The call starts at" value={scenario.callGraph.start} choices={nodeChoices} />
      <FieldGroup part="s" path="$.callGraph.nodes" legend="Steps of the call">
        {nodes.map((node, i) => (
          <FieldGroup key={node.id + i} part="s" path={`$.callGraph.nodes[${i}]`} legend={`Step ${node.id} (${nodeKindLabels[node.kind] ?? node.kind})`}>
            {node.kind === 'callerSpeech' ? (
              <>
                <SelectField part="s" path={`$.callGraph.nodes[${i}].clip`} label={`Step ${node.id}: the caller says clip`} value={node.clip} choices={clipChoices} />
                <SelectField part="s" path={`$.callGraph.nodes[${i}].next`} label={`Step ${node.id}: then`} value={node.next} choices={nodeChoices} empty="(choose the next step)" />
              </>
            ) : node.kind === 'questionChoice' ? (
              <>
                <TextField part="s" path={`$.callGraph.nodes[${i}].prompt`} label={`Step ${node.id}: what the trainee is deciding`} value={node.prompt} />
                <FieldGroup part="s" path={`$.callGraph.nodes[${i}].options`} legend={`Options of step ${node.id}`}>
                  {node.options.map((option, j) => (
                    <div key={j} className="studio-row">
                      <TextField part="s" path={`$.callGraph.nodes[${i}].options[${j}].text`} label={`Option ${option.id}: the trainee asks`} value={option.text} />
                      <SelectField part="s" path={`$.callGraph.nodes[${i}].options[${j}].next`} label={`Option ${option.id} leads to`} value={option.next} choices={nodeChoices} empty="(choose the next step)" />
                    </div>
                  ))}
                  <button type="button" onClick={() => onAddOption(i)}>
                    Add an option to step {node.id}
                  </button>
                </FieldGroup>
              </>
            ) : node.kind === 'end' ? (
              <>
                <SelectField part="s" path={`$.callGraph.nodes[${i}].outcome`} label={`Step ${node.id}: how the call ends`} value={node.outcome} choices={outcomeChoices} />
                <TextField part="s" path={`$.callGraph.nodes[${i}].summary`} label={`Step ${node.id}: what the trainee is told`} value={node.summary} />
              </>
            ) : null}
            <button type="button" onClick={() => onRemove(i)}>
              Remove step {node.id}
            </button>
          </FieldGroup>
        ))}
      </FieldGroup>
      <p className="studio-actions">
        <button type="button" onClick={() => onAdd('callerSpeech')}>Add a caller line</button>{' '}
        <button type="button" onClick={() => onAdd('questionChoice')}>Add a question choice</button>{' '}
        <button type="button" onClick={() => onAdd('end')}>Add an end</button>
      </p>
    </section>
  );
}

/** Used by the editor's own set() for edits that touch more than one place. */
export function useScenarioForm() {
  return useDraftForm();
}
