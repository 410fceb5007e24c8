import { createContext, useContext, useId, type ReactNode } from 'react';
import { fieldId, type DraftPart } from './problem-fields';

/** What every field of the draft form needs: its problems, and how to change the draft. */
export interface DraftForm {
  /** Problem messages by field id (see problem-fields.ts). */
  readonly problems: ReadonlyMap<string, readonly string[]>;
  /** Sets the value at a JSON path of the scenario (`s`) or the answer key (`k`). */
  readonly set: (part: DraftPart, path: string, value: unknown) => void;
}

const DraftFormContext = createContext<DraftForm | null>(null);

export function DraftFormProvider({ form, children }: { form: DraftForm; children: ReactNode }) {
  return <DraftFormContext.Provider value={form}>{children}</DraftFormContext.Provider>;
}

export function useDraftForm(): DraftForm {
  const form = useContext(DraftFormContext);
  if (!form) throw new Error('useDraftForm must be used inside DraftFormProvider');
  return form;
}

/** The id, error messages and ARIA wiring of the field at `path`. */
export function useFieldState(part: DraftPart, path: string) {
  const form = useDraftForm();
  const id = fieldId(part, path);
  const messages = form.problems.get(id) ?? [];
  const errorId = `${id}-error`;
  const hintId = useId();
  return { form, id, messages, errorId, hintId };
}

/** The field's problems, next to it, in words (the first letter capitalised). */
export function FieldProblems({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {messages.map((m, i) => (
        <span key={i} className="preserve-lines">
          {i > 0 ? <br /> : null}
          Problem: {m.charAt(0).toUpperCase() + m.slice(1)}
        </span>
      ))}
    </p>
  );
}

interface FieldProps {
  readonly part: DraftPart;
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
}

function describedBy(messages: readonly string[], errorId: string, hint: string | undefined, hintId: string): string | undefined {
  const ids = [hint ? hintId : undefined, messages.length > 0 ? errorId : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A one-line text field bound to a string in the draft. */
export function TextField({ part, path, label, hint, value, multiline = false, optional = false }: FieldProps & { readonly value: unknown; readonly multiline?: boolean; readonly optional?: boolean }) {
  const { form, id, messages, errorId, hintId } = useFieldState(part, path);
  const common = {
    id,
    value: typeof value === 'string' ? value : '',
    'aria-invalid': messages.length > 0 ? true : undefined,
    'aria-describedby': describedBy(messages, errorId, hint, hintId),
  } as const;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={hintId} className="hint">{hint}</p> : null}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => form.set(part, path, optional && e.target.value === '' ? undefined : e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => form.set(part, path, optional && e.target.value === '' ? undefined : e.target.value)} />
      )}
      <FieldProblems id={errorId} messages={messages} />
    </div>
  );
}

/** A list of strings edited as one line each. */
export function LinesField({ part, path, label, hint, value }: FieldProps & { readonly value: unknown }) {
  const { form, id, messages, errorId, hintId } = useFieldState(part, path);
  const lines = Array.isArray(value) ? value.map(String) : [];
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={hintId} className="hint">{hint}</p> : null}
      <textarea
        id={id}
        rows={Math.max(2, lines.length + 1)}
        value={lines.join('\n')}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={describedBy(messages, errorId, hint, hintId)}
        onChange={(e) => form.set(part, path, e.target.value === '' ? [] : e.target.value.split('\n'))}
      />
      <FieldProblems id={errorId} messages={messages} />
    </div>
  );
}

/** A number field; an empty box leaves the value out, which the checks then name. */
export function NumberField({ part, path, label, hint, value, step = 'any' }: FieldProps & { readonly value: unknown; readonly step?: string }) {
  const { form, id, messages, errorId, hintId } = useFieldState(part, path);
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={hintId} className="hint">{hint}</p> : null}
      <input
        id={id}
        type="number"
        step={step}
        value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={describedBy(messages, errorId, hint, hintId)}
        onChange={(e) => form.set(part, path, e.target.value === '' ? undefined : Number(e.target.value))}
      />
      <FieldProblems id={errorId} messages={messages} />
    </div>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A choice among fixed values (a grade, a node, a rating); `empty` adds a "none chosen" option. */
export function SelectField({ part, path, label, hint, value, choices, empty, onChoose }: FieldProps & { readonly value: unknown; readonly choices: readonly Choice[]; readonly empty?: string; readonly onChoose?: (value: string) => void }) {
  const { form, id, messages, errorId, hintId } = useFieldState(part, path);
  const current = typeof value === 'string' ? value : '';
  const known = choices.some((c) => c.value === current);
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={hintId} className="hint">{hint}</p> : null}
      <select
        id={id}
        value={current}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={describedBy(messages, errorId, hint, hintId)}
        onChange={(e) => (onChoose ? onChoose(e.target.value) : form.set(part, path, e.target.value))}
      >
        {empty !== undefined || !known ? <option value="">{known || current === '' ? (empty ?? '(choose)') : `(unknown: ${current})`}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldProblems id={errorId} messages={messages} />
    </div>
  );
}

/** A group of fields with a legend that problems about the whole group are shown under. */
export function FieldGroup({ part, path, legend, children }: { readonly part: DraftPart; readonly path: string; readonly legend: ReactNode; readonly children: ReactNode }) {
  const { id, messages, errorId } = useFieldState(part, path);
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={messages.length > 0 ? errorId : undefined} className="studio-group">
      <legend>{legend}</legend>
      <FieldProblems id={errorId} messages={messages} />
      {children}
    </fieldset>
  );
}

/**
 * A set of values chosen by checkboxes (acceptable ratings or grades), in a group whose legend
 * its problems are shown under. Values the choices do not name are kept, for the checks to name.
 */
export function ChoiceSetField({ part, path, legend, value, choices }: { readonly part: DraftPart; readonly path: string; readonly legend: string; readonly value: unknown; readonly choices: readonly Choice[] }) {
  const form = useDraftForm();
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const offered = new Set(choices.map((c) => c.value));
  const toggle = (choice: string, on: boolean) => {
    const kept = new Set(chosen.filter((v) => v !== choice));
    if (on) kept.add(choice);
    form.set(part, path, [...chosen.filter((v) => !offered.has(v) && kept.has(v)), ...choices.map((c) => c.value).filter((v) => kept.has(v))]);
  };
  return (
    <FieldGroup part={part} path={path} legend={legend}>
      {choices.length === 0 ? <p>No other value to accept.</p> : null}
      {choices.map((choice) => (
        <div key={choice.value}>
          <label>
            <input type="checkbox" checked={chosen.includes(choice.value)} onChange={(e) => toggle(choice.value, e.target.checked)} /> {choice.label}
          </label>
        </div>
      ))}
    </FieldGroup>
  );
}

/** A yes/no box bound to an optional boolean: ticked sets `true`, unticked leaves it out. */
export function CheckboxField({ part, path, label, hint, value }: FieldProps & { readonly value: unknown }) {
  const { form, id, messages, errorId, hintId } = useFieldState(part, path);
  return (
    <div className="form-field">
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={describedBy(messages, errorId, hint, hintId)}
        onChange={(e) => form.set(part, path, e.target.checked ? true : undefined)}
      />{' '}
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={hintId} className="hint">{hint}</p> : null}
      <FieldProblems id={errorId} messages={messages} />
    </div>
  );
}
