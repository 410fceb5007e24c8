import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { reflectionInputSchema, type Reflection, type ReflectionInput } from '../../domain/cpd-log';
import type { AttemptRecord } from '../../store/attempt-record';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { formatDateTime } from '../shared/time-format';
import { fieldErrors } from './field-errors';

type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'failed'; message: string } | { status: 'ready'; attempt: AttemptRecord };

const fields: ReadonlyArray<{ key: keyof ReflectionInput; label: string; hint: string }> = [
  { key: 'whatHappened', label: 'What happened', hint: 'The call, what you did and what the debrief showed.' },
  { key: 'whatILearned', label: 'What I learned', hint: 'About the risk, the caller, or your own practice.' },
  { key: 'whatIWillDoDifferently', label: 'What I will do differently', hint: 'On the next call like this one.' },
];

/** The trainee's reflection on one attempt, kept in their CPD log. */
export function ReflectionScreen({ attemptId }: { attemptId: string }) {
  const { history, cpd } = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [existing, setExisting] = useState<Reflection | undefined | null>(null);
  useEffect(
    () =>
      history.observeAttempt(
        attemptId,
        (attempt) => setLoaded(attempt ? { status: 'ready', attempt } : { status: 'missing' }),
        (message) => setLoaded({ status: 'failed', message }),
      ),
    [history, attemptId],
  );
  useEffect(
    () =>
      cpd.observe(
        (records) => setExisting((current) => (current === null ? records.reflections.find((r) => r.attemptId === attemptId) : current)),
        (message) => setLoaded({ status: 'failed', message }),
      ),
    [cpd, attemptId],
  );
  if (loaded.status === 'failed') return <ErrorMessage title="This reflection could not be opened" message={loaded.message} />;
  if (loaded.status === 'missing')
    return <ErrorMessage title="Attempt not found" message="No saved attempt in this trainee’s record has this reference. Switch trainee if it is someone else’s." />;
  if (loaded.status === 'loading' || existing === null) return <LoadingMessage what="your reflection" />;
  return <ReflectionForm attempt={loaded.attempt} existing={existing} />;
}

function ReflectionForm({ attempt, existing }: { attempt: AttemptRecord; existing: Reflection | undefined }) {
  const { cpd } = useServices();
  const id = useId();
  const [values, setValues] = useState<ReflectionInput>({
    whatHappened: existing?.whatHappened ?? '',
    whatILearned: existing?.whatILearned ?? '',
    whatIWillDoDifferently: existing?.whatIWillDoDifferently ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = reflectionInputSchema.safeParse(values);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      setStatus('');
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    try {
      await cpd.saveReflection(attempt.id, checked.data);
      setStatus('Reflection saved to your CPD log.');
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
    }
  };

  const errorList = Object.entries(errors);
  return (
    <>
      <ScreenHeading title={`Reflection: ${attempt.scenarioTitle}`}>Reflection: {attempt.scenarioTitle}</ScreenHeading>
      <p className="meta">
        Attempt of {formatDateTime(attempt.completedAt)}, {Math.round(attempt.report.percent)}% ({attempt.report.band.label}).{' '}
        <a href={routeHref({ screen: 'debrief', attemptId: attempt.id })}>Open its debrief</a>
      </p>
      <form className="cpd-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{existing ? 'Edit your reflection' : 'Write your reflection'}</h2>
        {errorList.length > 0 && (
          <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            <h3>There is a problem</h3>
            <ul>
              {errorList.map(([field, message]) => (
                <li key={field}>{field === 'form' ? message : <a href={`#${id}-${field}`}>{message}</a>}</li>
              ))}
            </ul>
          </div>
        )}
        {fields.map((field) => (
          <div key={field.key} className="form-field">
            <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
            <p className="hint" id={`${id}-${field.key}-hint`}>
              {field.hint}
            </p>
            {errors[field.key] && (
              <p className="field-error" id={`${id}-${field.key}-error`}>
                {errors[field.key]}
              </p>
            )}
            <textarea
              id={`${id}-${field.key}`}
              rows={4}
              maxLength={4000}
              value={values[field.key]}
              aria-invalid={errors[field.key] ? true : undefined}
              aria-describedby={`${id}-${field.key}-hint${errors[field.key] ? ` ${id}-${field.key}-error` : ''}`}
              onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
            />
          </div>
        ))}
        <div className="actions">
          <button type="submit" className="button primary">
            Save reflection
          </button>
          <a className="button" href={routeHref({ screen: 'cpd' })}>
            Your CPD log
          </a>
        </div>
        <p role="status" className="status-message">
          {status}
        </p>
      </form>
    </>
  );
}
