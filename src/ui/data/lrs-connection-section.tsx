import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useServices, type LrsConnectionForm, type LrsStatusView } from '../app-services';

type Field = keyof LrsConnectionForm;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the outbox is doing, in one sentence for the live region. */
export function describeLrsStatus(view: LrsStatusView): string {
  if (view.phase === 'not-configured') {
    return view.waiting > 0
      ? `No LRS is configured: ${plural(view.waiting, 'statement')} waiting will stay on this PC until one is.`
      : 'No LRS is configured: call-trainer sends nothing anywhere.';
  }
  const counts = `${plural(view.waiting, 'statement')} waiting, ${view.sent} sent.`;
  switch (view.phase) {
    case 'offline':
      return `${counts} You are offline: sending starts again when the connection returns.`;
    case 'sending':
      return `${counts} Sending…`;
    case 'waiting-to-retry':
      return `${counts} Last attempt failed: ${view.lastError ?? 'unknown error'}.`;
    case 'stopped':
      return `${counts} Sending stopped: ${view.lastError ?? 'unknown error'}. Check the connection, then press Send now.`;
    case 'idle':
      return view.waiting === 0 ? `${counts} Everything has been sent.` : counts;
  }
}

function useSecondsUntil(at: number | undefined): number | undefined {
  const { now } = useServices();
  const [, tick] = useState(0);
  useEffect(() => {
    if (at === undefined) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now()) / 1000));
}

/** The LRS connection form, "Send now" and the outbox status. */
export function LrsConnectionSection() {
  const { yourData } = useServices();
  const [view, setView] = useState<LrsStatusView | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [form, setForm] = useState<LrsConnectionForm>({ endpoint: '', username: '', password: '', activityBase: yourData.defaultActivityBase });
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const filledFromStore = useRef(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const secondsToRetry = useSecondsUntil(view?.phase === 'waiting-to-retry' ? view.nextTryAt : undefined);

  useEffect(
    () =>
      yourData.observeLrs(
        (next) => {
          setView(next);
          const connection = next.connection;
          if (connection && !filledFromStore.current) {
            filledFromStore.current = true;
            setForm((current) => ({ ...current, endpoint: connection.endpoint, username: connection.username, activityBase: connection.activityBase }));
          }
        },
        setReadError,
      ),
    [yourData],
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const result = await yourData.saveLrsConnection(form);
    if (!result.ok) {
      const next: Partial<Record<Field | 'form', string>> = {};
      for (const problem of result.problems) next[problem.field] ??= problem.message;
      setErrors(next);
      const first = (['endpoint', 'username', 'password', 'activityBase'] as const).find((field) => next[field]);
      if (first) inputs.current[first]?.focus();
      return;
    }
    setErrors({});
    setForm((current) => ({ ...current, password: '' }));
    setSaved('Connection saved. The key and secret stay in this browser on this PC and are never put in a backup.');
  }

  async function remove() {
    await yourData.removeLrsConnection();
    filledFromStore.current = false;
    setForm({ endpoint: '', username: '', password: '', activityBase: yourData.defaultActivityBase });
    setSaved('Connection removed: nothing will be sent.');
  }

  const field = (name: Field, label: string, hint: string, type: 'url' | 'text' | 'password', autoComplete: string) => (
    <p className={errors[name] ? 'has-error' : undefined}>
      <label htmlFor={`lrs-${name}`}>{label}</label>
      <br />
      <span id={`lrs-${name}-hint`} className="hint">
        {hint}
      </span>
      <br />
      {errors[name] && (
        <span id={`lrs-${name}-error`} className="field-error">
          {errors[name]}
        </span>
      )}
      <input
        id={`lrs-${name}`}
        ref={(element) => {
          inputs.current[name] = element;
        }}
        type={type}
        size={50}
        autoComplete={autoComplete}
        spellCheck={false}
        value={form[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`lrs-${name}-hint${errors[name] ? ` lrs-${name}-error` : ''}`}
        onChange={(event) => setForm((current) => ({ ...current, [name]: event.target.value }))}
      />
    </p>
  );

  return (
    <section aria-labelledby="lrs-heading">
      <h2 id="lrs-heading">Learning record store (xAPI)</h2>
      <p>
        If your force runs a learning record store (LRS), call-trainer can send it each attempt as xAPI statements. Nothing is sent
        anywhere unless you connect one here. Statements wait on this PC while it is offline and are sent when the connection returns.
      </p>
      <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="lrs-form-heading">
        <h3 id="lrs-form-heading">Connection</h3>
        {field('endpoint', 'LRS endpoint', 'The xAPI endpoint, e.g. https://lrs.example.org/xapi/ (https required, except on this PC).', 'url', 'off')}
        {field('username', 'Key', 'The key (user name) your LRS issued for call-trainer.', 'text', 'off')}
        {field('password', 'Secret', 'The secret (password) that goes with the key.', 'password', 'new-password')}
        {field('activityBase', 'Activity address base', 'Activity ids are made under this address; leave as it is unless your LRS administrator says otherwise.', 'url', 'off')}
        <p className="actions">
          <button type="submit" className="button primary">
            Save connection
          </button>{' '}
          {view?.connection && (
            <button type="button" className="button" onClick={() => void remove()}>
              Remove connection
            </button>
          )}
        </p>
        <p role="status" className="status-message">
          {saved}
        </p>
      </form>
      <h3>Statements</h3>
      {readError && (
        <p role="alert" className="field-error">
          {readError}
        </p>
      )}
      <p>
        <span role="status" aria-label="xAPI status">{view ? describeLrsStatus(view) : 'Reading the outbox…'}</span>{' '}
        {secondsToRetry !== undefined && <span>Next try in {secondsToRetry} s.</span>}
      </p>
      {view?.connection && (
        <p className="actions">
          <button type="button" className="button" onClick={() => void yourData.sendNow()}>
            Send now
          </button>
        </p>
      )}
    </section>
  );
}
