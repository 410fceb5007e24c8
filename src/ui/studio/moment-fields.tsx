import type { Cue, KeyMoment } from '../../domain/answer-key-schema';
import type { CallMoment, Scenario } from '../../domain/scenario-schema';
import { FieldGroup, NumberField, SelectField, useDraftForm, type Choice } from './draft-fields';

/**
 * Moments in a call, as the studio's selects offer them: a cue (a transcript line of a clip,
 * `<clip>#<line>`), a mid-call update (`update:<id>`), and in the scenario a call moment (after a
 * clip, or a number of seconds after answering).
 */

/** Every transcript line of every clip, as cue choices. */
export function cueChoices(scenario: Scenario): Choice[] {
  return scenario.clips.flatMap((clip) =>
    clip.transcript.map((line, j) => ({
      value: `${clip.id}#${j}`,
      label: `${clip.id} line ${j + 1}: ${(line.kind === 'speech' ? line.text : line.caption).slice(0, 60)}`,
    })),
  );
}

/** Every cue, then every mid-call update: what a required check or a re-grade can point at. */
export function keyMomentChoices(scenario: Scenario): Choice[] {
  const updates = (scenario.updates ?? []).map((update) => ({ value: `update:${update.id}`, label: `Update ${update.id}: ${update.from || 'from (not written yet)'}` }));
  return [...cueChoices(scenario), ...updates];
}

export function cueValue(cue: Cue | undefined): string {
  return cue ? `${cue.clip}#${cue.line}` : '';
}

/** The cue a choice names (its offset and quote start again). */
export function cueFrom(value: string): Cue {
  const [clip = '', line] = value.split('#');
  return { clip, line: Number(line ?? 0) };
}

export function keyMomentValue(moment: KeyMoment | undefined): string {
  if (!moment) return '';
  return 'update' in moment ? `update:${moment.update}` : cueValue(moment);
}

export function keyMomentFrom(value: string): KeyMoment {
  return value.startsWith('update:') ? { update: value.slice('update:'.length) } : cueFrom(value);
}

/**
 * How far into its line a cue is (`path` is the cue's path), for a moment that is a cue: empty
 * leaves the offset out (the start of the line). The checks ask for one that runs past the line.
 */
export function CueOffsetField({ path, label, moment }: { path: string; label: string; moment: KeyMoment | undefined }) {
  if (!moment || 'update' in moment) return null;
  return <NumberField part="k" path={`${path}.offset`} label={`${label}: seconds into that line (empty: its start)`} value={moment.offset} />;
}

/**
 * The cues of a judgement (`at` is its path, e.g. `$.grade`): one select per cue, each with a
 * remove button, and a button to add another (the first moment not yet chosen).
 */
export function CueListField({ at, name, cues, choices }: { at: string; name: string; cues: readonly Cue[]; choices: readonly Choice[] }) {
  const form = useDraftForm();
  const list = Array.isArray(cues) ? cues : [];
  const chosen = new Set(list.map(cueValue));
  const add = () => {
    const next = choices.find((c) => !chosen.has(c.value)) ?? choices[0];
    if (next) form.set('k', `${at}.cues`, [...list, cueFrom(next.value)]);
  };
  return (
    <FieldGroup part="k" path={`${at}.cues`} legend={`${name}: cues (the moments in the call that show it)`}>
      {list.map((cue, i) => (
        <div key={i} className="studio-row">
          <SelectField part="k" path={`${at}.cues[${i}]`} label={`${name}: cue ${i + 1}`} value={cueValue(cue)} choices={choices} onChoose={(v) => form.set('k', `${at}.cues[${i}]`, cueFrom(v))} />
          <CueOffsetField path={`${at}.cues[${i}]`} label={`${name}: cue ${i + 1}`} moment={cue} />
          <button type="button" onClick={() => form.set('k', `${at}.cues`, list.filter((_, j) => j !== i))}>
            Remove cue {i + 1} of {name}
          </button>
        </div>
      ))}
      <button type="button" onClick={add}>
        Add a cue for {name}
      </button>
    </FieldGroup>
  );
}

/** When something happens in the scenario (`optional`: or from answering, the moment left out). */
export function CallMomentField({ path, label, value, scenario, optional = false }: { path: string; label: string; value: CallMoment | undefined; scenario: Scenario; optional?: boolean }) {
  const form = useDraftForm();
  const choices: Choice[] = [
    ...(optional ? [{ value: '', label: 'From answering the call' }] : []),
    ...scenario.clips.map((clip) => ({ value: `clip:${clip.id}`, label: `When clip ${clip.id} has played` })),
    { value: 'seconds', label: 'A number of seconds after answering' },
  ];
  const current = !value ? '' : 'afterClip' in value ? `clip:${value.afterClip}` : 'seconds';
  const choose = (choice: string) => {
    if (choice === '') form.set('s', path, optional ? undefined : { atSeconds: 30 });
    else if (choice === 'seconds') form.set('s', path, { atSeconds: value && 'atSeconds' in value ? value.atSeconds : 30 });
    else form.set('s', path, { afterClip: choice.slice('clip:'.length) });
  };
  return (
    <>
      <SelectField part="s" path={path} label={label} value={current} choices={choices} onChoose={choose} />
      {current === 'seconds' ? <NumberField part="s" path={`${path}.atSeconds`} label={`${label}: seconds after answering`} value={value && 'atSeconds' in value ? value.atSeconds : undefined} /> : null}
    </>
  );
}
