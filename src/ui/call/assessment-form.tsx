import { useEffect, useRef, useState, type FormEvent } from 'react';
import { gradeConfidences, type Assessment, type ElementAssessment, type GradeConfidence } from '../../domain/call-response-schema';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { safeguardingGroups } from './safeguarding-groups';

interface AssessmentFormProps {
  readonly policy: ForcePolicy;
  readonly initialGrade: string | null;
  /** What the live incident log holds, so the form starts from it. */
  readonly initialThrive?: Readonly<Record<string, ElementAssessment>>;
  readonly initialActions?: readonly string[];
  readonly initialConfidence?: GradeConfidence;
  /** Told of every change, so the call in progress can keep the draft for a reload. */
  readonly onDraftChange?: (draft: Assessment) => void;
  readonly onGradeChange: (grade: string) => void;
  readonly onSubmit: (assessment: Assessment) => void;
}

const confidenceLabels: Record<GradeConfidence, string> = {
  guessing: 'Guessing',
  unsure: 'Unsure',
  'fairly-sure': 'Fairly sure',
  certain: 'Certain',
};

interface FieldError {
  readonly fieldId: string;
  readonly message: string;
}

/**
 * The trainee's THRIVE+ assessment, grade and safeguarding actions, from the force policy,
 * starting from what the live incident log holds (submitting closes the log).
 * Every decision is a labelled native control, so the form works by keyboard and screen reader;
 * problems are listed in an error summary that links to each field.
 */
export function AssessmentForm({ policy, initialGrade, initialThrive = {}, initialActions = [], initialConfidence, onGradeChange, onSubmit, onDraftChange }: AssessmentFormProps) {
  const elements = policy.framework.elements;
  const [ratings, setRatings] = useState<Record<string, string | null>>(() =>
    Object.fromEntries(elements.map((e) => [e.id, initialThrive[e.id]?.rating ?? null])),
  );
  const [rationales, setRationales] = useState<Record<string, string>>(() =>
    Object.fromEntries(elements.map((e) => [e.id, initialThrive[e.id]?.rationale ?? ''])),
  );
  const [grade, setGrade] = useState<string | null>(initialGrade);
  const [confidence, setConfidence] = useState<GradeConfidence | undefined>(initialConfidence);
  const [actions, setActions] = useState<ReadonlySet<string>>(() => new Set(initialActions));
  useEffect(() => {
    onDraftChange?.({
      thrive: Object.fromEntries(elements.map((e) => [e.id, { rating: ratings[e.id] ?? null, rationale: rationales[e.id] ?? '' }])),
      grade,
      safeguardingActions: policy.safeguardingActions.filter((a) => actions.has(a.id)).map((a) => a.id),
      ...(confidence ? { gradeConfidence: confidence } : {}),
    });
  }, [ratings, rationales, grade, confidence, actions, elements, policy, onDraftChange]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const errorFor = (fieldId: string) => errors.find((e) => e.fieldId === fieldId);

  const validate = (): FieldError[] => {
    const found: FieldError[] = [];
    for (const element of elements) {
      if (!ratings[element.id]) found.push({ fieldId: `rating-${element.id}`, message: `Choose a rating for ${element.name}` });
      if (!rationales[element.id]?.trim()) found.push({ fieldId: `rationale-${element.id}`, message: `Give a short rationale for ${element.name}` });
    }
    if (!grade) found.push({ fieldId: 'grade', message: 'Choose a grade' });
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    onSubmit({
      thrive: Object.fromEntries(elements.map((e) => [e.id, { rating: ratings[e.id] ?? null, rationale: rationales[e.id]?.trim() ?? '' }])),
      grade,
      safeguardingActions: policy.safeguardingActions.filter((a) => actions.has(a.id)).map((a) => a.id),
      ...(confidence ? { gradeConfidence: confidence } : {}),
    });
  };

  const groups = safeguardingGroups(policy);

  return (
    <form className="assessment-form" onSubmit={submit} noValidate aria-labelledby="assessment-heading">
      {errors.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-heading">
          <h3 id="error-summary-heading">There is a problem</h3>
          <ul>
            {errors.map((error) => (
              <li key={error.fieldId}>
                <a href={`#${error.fieldId}`} onClick={(e) => focusField(e, error.fieldId)}>
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="thrive-form-heading">
        <h3 id="thrive-form-heading">{policy.framework.name}</h3>
        <p className="hint">{policy.framework.note}</p>
        {elements.map((element) => {
          const ratingError = errorFor(`rating-${element.id}`);
          const rationaleError = errorFor(`rationale-${element.id}`);
          return (
            <fieldset key={element.id} className="element-fieldset" aria-describedby={`hint-${element.id}`}>
              <legend>
                <span className="letter" aria-hidden="true">
                  {element.letter}
                </span>{' '}
                {element.name}
              </legend>
              <p className="hint" id={`hint-${element.id}`}>
                {element.prompt}
              </p>
              <div
                role="radiogroup"
                aria-label={`${element.name} rating`}
                id={`rating-${element.id}`}
                tabIndex={-1}
                className={`rating-options${ratingError ? ' has-error' : ''}`}
                aria-describedby={ratingError ? `rating-${element.id}-error` : undefined}
              >
                {ratingError && (
                  <p className="field-error" id={`rating-${element.id}-error`}>
                    {ratingError.message}
                  </p>
                )}
                {policy.framework.ratingScale.map((rating) => (
                  <label key={rating.id} className="choice">
                    <input
                      type="radio"
                      name={`rating-${element.id}`}
                      value={rating.id}
                      checked={ratings[element.id] === rating.id}
                      onChange={() => setRatings((r) => ({ ...r, [element.id]: rating.id }))}
                    />
                    {rating.label}
                  </label>
                ))}
              </div>
              <label htmlFor={`rationale-${element.id}`} className="rationale-label">
                Rationale for {element.name}
              </label>
              {rationaleError && (
                <p className="field-error" id={`rationale-${element.id}-error`}>
                  {rationaleError.message}
                </p>
              )}
              <textarea
                id={`rationale-${element.id}`}
                rows={2}
                maxLength={2000}
                value={rationales[element.id]}
                aria-invalid={rationaleError ? true : undefined}
                aria-describedby={rationaleError ? `rationale-${element.id}-error` : undefined}
                onChange={(e) => setRationales((r) => ({ ...r, [element.id]: e.target.value }))}
              />
            </fieldset>
          );
        })}
      </section>

      <fieldset className="grade-fieldset" aria-describedby={errorFor('grade') ? 'grade-error' : undefined}>
        <legend>
          <h3>Grade</h3>
        </legend>
        <div role="radiogroup" aria-label="Grade" id="grade" tabIndex={-1} className={errorFor('grade') ? 'has-error' : undefined}>
          {errorFor('grade') && (
            <p className="field-error" id="grade-error">
              {errorFor('grade')?.message}
            </p>
          )}
          {policy.grades.map((level) => (
            <div key={level.id} className="grade-choice">
              <label className="choice">
                <input
                  type="radio"
                  name="grade"
                  value={level.id}
                  checked={grade === level.id}
                  aria-describedby={`grade-${level.id}-definition`}
                  onChange={() => {
                    setGrade(level.id);
                    onGradeChange(level.id);
                  }}
                />
                <span className={`grade-chip grade-${level.id}`}>{level.shortLabel}</span> {level.name}
              </label>
              <p className="hint" id={`grade-${level.id}-definition`}>
                {level.definition} <span className="target">{level.attendanceTarget}.</span>
              </p>
            </div>
          ))}
        </div>
        <fieldset className="confidence-fieldset" aria-describedby="confidence-hint">
          <legend>How sure are you of this grade?</legend>
          <p className="hint" id="confidence-hint">
            Optional. A grade you were sure of but got wrong comes back for practice sooner.
          </p>
          <div className="rating-options">
            {gradeConfidences.map((level) => (
              <label key={level} className="choice">
                <input type="radio" name="grade-confidence" value={level} checked={confidence === level} onChange={() => setConfidence(level)} />
                {confidenceLabels[level]}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="actions-fieldset">
        <legend>
          <h3>Safeguarding actions</h3>
        </legend>
        <p className="hint">Tick every action you would take on this call. Some listed actions would do harm.</p>
        {groups.map(({ group, name, actions: groupActions }) => (
          <fieldset key={group} className="action-group">
            <legend>{name}</legend>
            {groupActions.map((action) => (
              <div key={action.id} className="action-choice">
                <label className="choice">
                  <input
                    type="checkbox"
                    name="safeguarding"
                    value={action.id}
                    checked={actions.has(action.id)}
                    aria-describedby={`action-${action.id}-description`}
                    onChange={(e) =>
                      setActions((current) => {
                        const next = new Set(current);
                        if (e.target.checked) next.add(action.id);
                        else next.delete(action.id);
                        return next;
                      })
                    }
                  />
                  {action.label}
                </label>
                <p className="hint" id={`action-${action.id}-description`}>
                  {action.description}
                </p>
              </div>
            ))}
          </fieldset>
        ))}
      </fieldset>

      <button type="submit" className="button primary">
        Submit assessment
      </button>
    </form>
  );
}

/** Error-summary links move focus to the field itself, not just scroll to it. */
function focusField(event: React.MouseEvent, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const target = field.querySelector<HTMLElement>('input') ?? field;
  target.focus();
}
