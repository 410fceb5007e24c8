import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { formatProblem } from '../../domain/problem';
import { useServices, type BackupImportOutcome } from '../app-services';
import { ScreenHeading } from '../shared/screen-heading';
import { LrsConnectionSection } from './lrs-connection-section';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Your data": back up everything on this PC to one file, restore from such a file, connect a
 * learning record store, and delete everything (training PCs are shared).
 */
export function DataScreen() {
  const { yourData } = useServices();
  const [notice] = useState(() => yourData.takeNotice());
  return (
    <>
      <ScreenHeading title="Your data">Your data</ScreenHeading>
      <p className="lead">
        Everything call-trainer keeps is in this browser on this PC. Back it up to a file to keep it safe or move it to another PC.
      </p>
      {notice && (
        <p role="status" className="status-message">
          {notice}
        </p>
      )}
      <ExportSection />
      <ImportSection />
      <LrsConnectionSection />
      <DeleteSection />
    </>
  );
}

function ExportSection() {
  const { yourData } = useServices();
  const [message, setMessage] = useState<{ kind: 'done' | 'failed'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportBackup() {
    setBusy(true);
    try {
      const result = await yourData.exportBackup();
      const url = URL.createObjectURL(new Blob([result.json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = result.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const counts = Object.entries(result.counts)
        .map(([label, n]) => `${n} ${label}`)
        .join(', ');
      setMessage({
        kind: 'done',
        text:
          `Backup saved as ${result.fileName} (${counts}). The LRS connection is never included.` +
          (result.leftOut > 0 ? ` ${plural(result.leftOut, 'saved record')} could not be read and ${result.leftOut === 1 ? 'was' : 'were'} left out.` : ''),
      });
    } catch (error) {
      setMessage({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Back up your data</h2>
      <p>One file holds every profile, attempt and setting on this PC. Keep it somewhere safe: it is your training record.</p>
      <p className="actions">
        <button type="button" className="button primary" onClick={() => void exportBackup()} disabled={busy}>
          Export backup
        </button>
      </p>
      <p role="status" className={message?.kind === 'failed' ? 'field-error' : 'status-message'}>
        {message?.text}
      </p>
    </section>
  );
}

function ImportSection() {
  const { yourData } = useServices();
  const fileInput = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<BackupImportOutcome | { kind: 'no-file' } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (outcome) resultHeading.current?.focus();
  }, [outcome]);

  async function importBackup(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setOutcome({ kind: 'no-file' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await yourData.importBackup(file));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Restore from a backup</h2>
      <p>
        The whole file is checked before anything is written. Records already on this PC are never replaced by older copies, and a file
        that was edited or damaged is refused without changing anything.
      </p>
      <form onSubmit={(event) => void importBackup(event)} noValidate>
        <p>
          <label htmlFor="backup-file">Backup file</label>
          <br />
          <input id="backup-file" ref={fileInput} type="file" accept=".json,application/json" aria-describedby="backup-file-hint" />
          <br />
          <span id="backup-file-hint" className="hint">
            A call-trainer-backup-….json file exported from call-trainer.
          </span>
        </p>
        <p className="actions">
          <button type="submit" className="button" disabled={busy}>
            Import backup
          </button>
        </p>
      </form>
      <div aria-live="polite">
        {outcome?.kind === 'no-file' && (
          <div className="error-panel">
            <h3 ref={resultHeading} tabIndex={-1}>
              Choose a backup file first
            </h3>
          </div>
        )}
        {outcome?.kind === 'failed' && (
          <div className="error-panel">
            <h3 ref={resultHeading} tabIndex={-1}>
              The backup was not imported
            </h3>
            <p>{outcome.message}</p>
          </div>
        )}
        {outcome?.kind === 'refused' && (
          <div className="error-panel">
            <h3 ref={resultHeading} tabIndex={-1}>
              Backup refused: nothing was changed
            </h3>
            <p>{outcome.file} was not imported, for these reasons:</p>
            <ul aria-label="Why the backup was refused">
              {outcome.problems.map((problem, index) => (
                <li key={index}>{formatProblem(problem)}</li>
              ))}
            </ul>
            {outcome.more > 0 && <p>…and {plural(outcome.more, 'more problem')}.</p>}
          </div>
        )}
        {outcome?.kind === 'imported' && <ImportReport outcome={outcome} headingRef={resultHeading} />}
      </div>
    </section>
  );
}

function ImportReport({ outcome, headingRef }: { outcome: Extract<BackupImportOutcome, { kind: 'imported' }>; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { yourData } = useServices();
  const { report } = outcome;
  const active = report.backupActiveProfile;
  return (
    <div className="import-report">
      <h3 ref={headingRef} tabIndex={-1}>
        Backup imported
      </h3>
      <table>
        <caption>What the import did with {report.file}</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">Added</th>
            <th scope="col">Updated from the backup</th>
            <th scope="col">Unchanged</th>
            <th scope="col">Kept (newer on this PC)</th>
            <th scope="col">Refused</th>
          </tr>
        </thead>
        <tbody>
          {report.tables.map((table) => (
            <tr key={table.table}>
              <th scope="row">{table.label}</th>
              <td>{table.added}</td>
              <td>{table.updated}</td>
              <td>{table.unchanged}</td>
              <td>{table.keptNewerLocal}</td>
              <td>{table.refused}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.refusedRows.length > 0 && (
        <ul aria-label="Records refused">
          {report.refusedRows.map((problem, index) => (
            <li key={index}>{formatProblem(problem)}</li>
          ))}
        </ul>
      )}
      {active && (
        <p>
          The backup was made with {active.name}&rsquo;s record open.{' '}
          <button type="button" className="button" onClick={() => void yourData.openProfile(active.id)}>
            Open {active.name}&rsquo;s record
          </button>
        </p>
      )}
    </div>
  );
}

function DeleteSection() {
  const { yourData } = useServices();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
    else if (wasConfirming.current) startButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function deleteEverything() {
    try {
      await yourData.deleteAllData();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete all data on this PC</h2>
      <p>
        On a shared training PC, delete your data when you leave: every profile, attempt and setting, the LRS connection and any statements
        waiting to be sent. Export a backup first if you want to keep your record.
      </p>
      {!confirming && (
        <p className="actions">
          <button ref={startButton} type="button" className="button" onClick={() => setConfirming(true)}>
            Delete all data on this PC…
          </button>
        </p>
      )}
      {confirming && (
        <div className="error-panel" role="group" aria-labelledby="delete-confirm-heading">
          <h3 id="delete-confirm-heading" ref={confirmHeading} tabIndex={-1}>
            Delete everything on this PC?
          </h3>
          <p>This cannot be undone. Every trainee&rsquo;s record on this PC will be gone.</p>
          <p className="actions">
            <button type="button" className="button primary" onClick={() => void deleteEverything()}>
              Yes, delete all data
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        </div>
      )}
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
    </section>
  );
}
