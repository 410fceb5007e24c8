import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import {
  cpdActivityInputSchema,
  cpdActivityKinds,
  cpdCsv,
  cpdEntries,
  cpdTotals,
  type CpdActivity,
  type CpdEntry,
  type CpdPeriod,
  type Reflection,
} from '../../domain/cpd-log';
import { useServices } from '../app-services';
import { routeHref } from '../routing';
import { useProgressEvidence } from '../shared/progress-evidence';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';
import { fieldErrors } from './field-errors';

type CpdState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; reflections: Reflection[]; activities: CpdActivity[]; unreadable: number };

const PAGE = 25;
const kindLabels: Record<CpdActivity['kind'], string> = {
  course: 'Course',
  'e-learning': 'E-learning',
  reading: 'Reading',
  shadowing: 'Shadowing',
  supervision: 'Supervision',
  other: 'Other',
};
const periodLabels: Record<CpdPeriod, string> = { month: 'Month', quarter: 'Quarter', year: 'Year' };

function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** The CPD log: attempts (with their time, automatically), reflections and other CPD activity. */
export function CpdScreen() {
  const { cpd, profileName } = useServices();
  const progress = useProgressEvidence();
  const [records, setRecords] = useState<CpdState>({ status: 'loading' });
  useEffect(
    () =>
      cpd.observe(
        (value) => setRecords({ status: 'ready', ...value }),
        (message) => setRecords({ status: 'failed', message }),
      ),
    [cpd],
  );
  const evidence = progress.status === 'ready' ? progress.value.evidence : undefined;
  const reflections = records.status === 'ready' ? records.reflections : undefined;
  const activities = records.status === 'ready' ? records.activities : undefined;
  const entries = useMemo(() => (evidence && reflections && activities ? cpdEntries(evidence, reflections, activities) : undefined), [evidence, reflections, activities]);

  return (
    <>
      <ScreenHeading title={`CPD log: ${profileName}`}>CPD log: {profileName}</ScreenHeading>
      <p className="lead">
        Every call you complete is logged with its time. Add what you made of it, and any other CPD you do, to keep one record you can export or print.
      </p>
      {(progress.status === 'failed' || records.status === 'failed') && (
        <ErrorMessage title="Your CPD log could not be read" message={progress.status === 'failed' ? progress.message : records.status === 'failed' ? records.message : ''} />
      )}
      {records.status === 'ready' && records.unreadable > 0 && (
        <ErrorMessage title={`${records.unreadable} saved CPD record(s) could not be read`} message="They are kept as they are and left out of this log." />
      )}
      {!entries && progress.status !== 'failed' && records.status !== 'failed' && <LoadingMessage what="your CPD log" />}
      {entries && <CpdLogView entries={entries} profileName={profileName} />}
      <ActivityForm />
    </>
  );
}

function CpdLogView({ entries, profileName }: { entries: CpdEntry[]; profileName: string }) {
  const { cpd, now } = useServices();
  const id = useId();
  const [period, setPeriod] = useState<CpdPeriod>('month');
  const [shown, setShown] = useState(PAGE);
  const [status, setStatus] = useState('');
  const totals = useMemo(() => cpdTotals(entries, period), [entries, period]);
  // Printing prints the whole log, however much is shown on screen.
  useEffect(() => {
    const showAll = () => flushSync(() => setShown(Number.POSITIVE_INFINITY));
    window.addEventListener('beforeprint', showAll);
    return () => window.removeEventListener('beforeprint', showAll);
  }, []);

  const exportCsv = () => {
    const blob = new Blob([cpdCsv(entries)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `cpd-log-${profileName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'trainee'}-${new Date(now()).toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setStatus(`Exported ${entries.length} CPD entries as CSV.`);
  };

  const remove = async (activity: CpdActivity) => {
    try {
      await cpd.deleteActivity(activity.id);
      setStatus(`Removed “${activity.title}” from your CPD log.`);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    }
  };

  const visible = entries.slice(0, shown);
  return (
    <>
      <div className="actions no-print">
        <button type="button" className="button" onClick={exportCsv}>
          Export CSV
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            flushSync(() => setShown(Number.POSITIVE_INFINITY));
            window.print();
          }}
        >
          Print CPD record
        </button>
      </div>
      <p role="status" className="status-message no-print">
        {status}
      </p>

      <section aria-labelledby={`${id}-totals`}>
        <h2 id={`${id}-totals`}>Totals</h2>
        <div className="no-print">
          <label htmlFor={`${id}-period`}>Totals by</label>{' '}
          <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value as CpdPeriod)}>
            {(Object.keys(periodLabels) as CpdPeriod[]).map((p) => (
              <option key={p} value={p}>
                {periodLabels[p]}
              </option>
            ))}
          </select>
        </div>
        {totals.length === 0 ? (
          <p>Nothing logged yet.</p>
        ) : (
          <table className="data-table">
            <caption>CPD time by {periodLabels[period].toLowerCase()}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">{periodLabels[period]}</th>
                <th scope="col">Calls practised</th>
                <th scope="col">Time on calls</th>
                <th scope="col">Other activities</th>
                <th scope="col">Time on other CPD</th>
                <th scope="col">Reflections</th>
                <th scope="col">Total time</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.period}>
                  <th scope="row">{t.label}</th>
                  <td>{t.attempts}</td>
                  <td>{hoursAndMinutes(t.attemptMinutes)}</td>
                  <td>{t.activities}</td>
                  <td>{hoursAndMinutes(t.activityMinutes)}</td>
                  <td>{t.reflections}</td>
                  <td>{hoursAndMinutes(t.totalMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={`${id}-entries`}>
        <h2 id={`${id}-entries`}>Entries</h2>
        {entries.length === 0 ? (
          <p>
            No entries yet. <a href={routeHref({ screen: 'library' })}>Practise a call</a> or add an activity below.
          </p>
        ) : (
          <table className="data-table cpd-entries">
            <caption>
              CPD entries, newest first{visible.length < entries.length ? ` (${visible.length} of ${entries.length} shown)` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Entry</th>
                <th scope="col">Time</th>
                <th scope="col">Outcome or kind</th>
                <th scope="col">Reflection or notes</th>
                <th scope="col" className="no-print">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((entry) => (
                <tr key={`${entry.kind}-${entry.id}`}>
                  <td>{entry.date}</td>
                  <th scope="row">{entry.kind === 'attempt' ? `Call: ${entry.title}` : entry.title}</th>
                  <td>{hoursAndMinutes(entry.minutes)}</td>
                  <td>{entry.kind === 'attempt' ? `${entry.percent}%, ${entry.bandLabel}` : kindLabels[entry.activity.kind]}</td>
                  <td className="preserve-lines">{entry.kind === 'attempt' ? <ReflectionText reflection={entry.reflection} /> : entry.activity.notes}</td>
                  <td className="no-print">
                    {entry.kind === 'attempt' ? (
                      <a href={routeHref({ screen: 'reflection', attemptId: entry.id })} aria-label={`${entry.reflection ? 'Edit reflection' : 'Add reflection'}: ${entry.title}, ${entry.date}`}>
                        {entry.reflection ? 'Edit reflection' : 'Add reflection'}
                      </a>
                    ) : (
                      <button type="button" className="link-button" onClick={() => void remove(entry.activity)} aria-label={`Remove activity: ${entry.title}`}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {visible.length < entries.length && (
          <button type="button" className="button no-print" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, entries.length - visible.length)} more entries
          </button>
        )}
      </section>
    </>
  );
}

function ReflectionText({ reflection }: { reflection: Reflection | undefined }) {
  if (!reflection) return <span className="hint">No reflection yet</span>;
  return (
    <dl className="reflection-text">
      {reflection.whatHappened && (
        <div>
          <dt>What happened</dt>
          <dd>{reflection.whatHappened}</dd>
        </div>
      )}
      {reflection.whatILearned && (
        <div>
          <dt>What I learned</dt>
          <dd>{reflection.whatILearned}</dd>
        </div>
      )}
      {reflection.whatIWillDoDifferently && (
        <div>
          <dt>What I will do differently</dt>
          <dd>{reflection.whatIWillDoDifferently}</dd>
        </div>
      )}
    </dl>
  );
}

const emptyActivity = { title: '', date: '', minutes: '', kind: '', notes: '' };

/** Records CPD done outside call-trainer; each problem is shown at its field. */
function ActivityForm() {
  const { cpd } = useServices();
  const id = useId();
  const [values, setValues] = useState(emptyActivity);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = (field: keyof typeof emptyActivity, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minutes = values.minutes.trim() === '' ? Number.NaN : Number(values.minutes);
    const checked = cpdActivityInputSchema.safeParse({ ...values, minutes: Number.isNaN(minutes) ? undefined : minutes, kind: values.kind || undefined });
    if (!checked.success) {
      setErrors(fieldErrors(checked.error));
      setStatus('');
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    try {
      await cpd.saveActivity(checked.data);
      setErrors({});
      setValues(emptyActivity);
      setStatus(`Added “${checked.data.title}” to your CPD log.`);
    } catch (error) {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
    }
  };

  const field = (key: keyof typeof emptyActivity) => ({
    id: `${id}-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const error = (key: string) =>
    errors[key] && (
      <p className="field-error" id={`${id}-${key}-error`}>
        {errors[key]}
      </p>
    );
  const errorList = Object.entries(errors);

  return (
    <form className="cpd-form no-print" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Add other CPD activity</h2>
      {errorList.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h3>There is a problem</h3>
          <ul>
            {errorList.map(([key, message]) => (
              <li key={key}>{key === 'form' ? message : <a href={`#${id}-${key}`}>{message}</a>}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-field">
        <label htmlFor={`${id}-title`}>Title</label>
        {error('title')}
        <input type="text" maxLength={200} value={values.title} onChange={(e) => set('title', e.target.value)} {...field('title')} />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-date`}>Date</label>
        {error('date')}
        <input type="date" value={values.date} onChange={(e) => set('date', e.target.value)} {...field('date')} />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-minutes`}>Time spent (minutes)</label>
        {error('minutes')}
        <input type="number" inputMode="numeric" min={1} step={1} value={values.minutes} onChange={(e) => set('minutes', e.target.value)} {...field('minutes')} />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-kind`}>Kind of activity</label>
        {error('kind')}
        <select value={values.kind} onChange={(e) => set('kind', e.target.value)} {...field('kind')}>
          <option value="">Choose…</option>
          {cpdActivityKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-notes`}>Notes (optional)</label>
        {error('notes')}
        <textarea rows={3} maxLength={4000} value={values.notes} onChange={(e) => set('notes', e.target.value)} {...field('notes')} />
      </div>
      <button type="submit" className="button primary">
        Add activity
      </button>
      <p role="status" className="status-message">
        {status}
      </p>
    </form>
  );
}
