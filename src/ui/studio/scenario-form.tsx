import type { ReactNode } from 'react';
import { difficultySchema, incidentTypes, type CallNode, type Clip, type Scenario } from '../../domain/scenario-schema';
import { difficultyLabels, incidentTypeLabels } from '../shared/domain-labels';
import { FieldGroup, LinesField, NumberField, SelectField, TextField, useDraftForm, type Choice } from './draft-fields';

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

/** The scenario's metadata, caller and call context. */
export function MetadataSection({ scenario }: { scenario: Scenario }) {
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
        <NumberField part="s" path="$.metadata.estimatedMinutes" label="Estimated minutes" value={m.estimatedMinutes} />
        <LinesField part="s" path="$.metadata.learningObjectives" label="Learning objectives (one a line)" value={m.learningObjectives} />
        <LinesField part="s" path="$.metadata.contentWarnings" label="Content warnings (one a line; leave empty for none)" value={m.contentWarnings} />
        <TextField part="s" path="$.callContext.callerNumber" label="Caller's number (shown as the call rings)" value={scenario.callContext.callerNumber} />
      </FieldGroup>
      <FieldGroup part="s" path="$.speakers" legend="Caller and other voices">
        {scenario.speakers.map((speaker, i) => (
          <TextField key={i} part="s" path={`$.speakers[${i}].label`} label={`Caption name for voice "${speaker.id}"`} value={speaker.label} />
        ))}
      </FieldGroup>
    </section>
  );
}

/** Every clip: its words, caption timings and audio (`audio` renders the audio controls). */
export function ClipsSection({ scenario, audio }: { scenario: Scenario; audio: (clip: Clip, index: number) => ReactNode }) {
  return (
    <section aria-labelledby="studio-clips">
      <h2 id="studio-clips">Caller lines and their audio</h2>
      <FieldGroup part="s" path="$.clips" legend="Clips">
        {scenario.clips.map((clip, i) => (
          <FieldGroup key={clip.id + i} part="s" path={`$.clips[${i}]`} legend={`Clip ${clip.id}`}>
            {clip.transcript.map((line, j) =>
              line.kind === 'speech' ? (
                <TextField key={j} part="s" path={`$.clips[${i}].transcript[${j}].text`} label={`Clip ${clip.id}, line ${j + 1}: what the caller says`} value={line.text} multiline />
              ) : (
                <p key={j}>
                  Line {j + 1}: sound {line.sound} ({line.caption})
                </p>
              ),
            )}
            <FieldGroup part="s" path={`$.clips[${i}].captions`} legend={`Caption timings of clip ${clip.id} (seconds)`}>
              {clip.captions.map((caption, j) => (
                <div key={j} className="studio-row">
                  <NumberField part="s" path={`$.clips[${i}].captions[${j}].start`} label={`Clip ${clip.id}, caption ${j + 1} starts at`} value={caption.start} />
                  <NumberField part="s" path={`$.clips[${i}].captions[${j}].end`} label={`Clip ${clip.id}, caption ${j + 1} ends at`} value={caption.end} />
                </div>
              ))}
            </FieldGroup>
            {audio(clip, i)}
          </FieldGroup>
        ))}
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
