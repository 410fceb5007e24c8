import { useEffect, useState } from 'react';
import { SCENARIO_TEMPLATES } from '../../domain/scenario-template';
import type { ScenarioDraftRecord } from '../../store/studio-records';
import { useServices, type PublishedScenario } from '../app-services';
import { navigate, routeHref } from '../routing';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage } from '../shared/status-message';
import './studio.css';

const titleOf = (draft: ScenarioDraftRecord): string => {
  const s = draft.scenario as { metadata?: { title?: unknown }; id?: unknown } | null;
  const title = s?.metadata?.title;
  return typeof title === 'string' && title ? title : 'Untitled scenario';
};

/** The studio's front page: drafts, starting a scenario, published scenarios and packs. */
export function StudioScreen() {
  const { studio, catalogue } = useServices();
  const [drafts, setDrafts] = useState<{ list: readonly ScenarioDraftRecord[]; unreadable: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [published, setPublished] = useState<PublishedScenario[]>([]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [packTitle, setPackTitle] = useState('Scenarios from the studio');
  const [packAuthor, setPackAuthor] = useState('');
  const [packStatus, setPackStatus] = useState('');
  const [importLines, setImportLines] = useState<readonly string[]>([]);
  const [copyFrom, setCopyFrom] = useState('');
  const library = useLoad(() => catalogue.list(), 'studio-library');

  useEffect(() => studio.observeDrafts((list, unreadable) => setDrafts({ list, unreadable }), setError), [studio]);
  const refreshPublished = () => studio.listPublished().then(setPublished, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => void refreshPublished(), [studio]); // eslint-disable-line react-hooks/exhaustive-deps

  async function start(make: () => Promise<string>) {
    setStatus('Starting the draft…');
    try {
      navigate({ screen: 'studio-draft', draftId: await make() });
    } catch (e) {
      setStatus(`The draft was not started: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function exportPack() {
    if (chosen.size === 0) {
      setPackStatus('Choose at least one published scenario to export.');
      return;
    }
    if (!packAuthor.trim() || !packTitle.trim()) {
      setPackStatus('Give the pack a title and an author.');
      return;
    }
    try {
      const { fileName, bytes } = await studio.exportPack([...chosen], { title: packTitle.trim(), author: packAuthor.trim() });
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setPackStatus(`Exported ${chosen.size} scenario(s) as ${fileName} (${(bytes.length / 1024).toFixed(1)} kB).`);
    } catch (e) {
      setPackStatus(`The pack was not exported: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function importPack(file: File) {
    setImportLines([`Checking ${file.name}…`]);
    try {
      const result = await studio.importPack(file);
      setImportLines(result.lines);
      void refreshPublished();
    } catch (e) {
      setImportLines([`The pack was not imported: ${e instanceof Error ? e.message : String(e)}`]);
    }
  }

  const bundled = library.status === 'ready' ? library.value.scenarios.filter((s) => studio.reservedIds.has(s.id)) : [];

  return (
    <>
      <ScreenHeading title="Trainer studio">Trainer studio</ScreenHeading>
      <p>Write calls with forms, give their clips a voice, check them as <code>npm run scenarios:check</code> does, publish them to the library and share them as packs. Everything stays on this PC until you export a pack.</p>
      {error ? <ErrorMessage title="The studio could not read its records" message={error} /> : null}

      <section aria-labelledby="studio-start">
        <h2 id="studio-start">Start a scenario</h2>
        <p className="studio-actions">
          {SCENARIO_TEMPLATES.map((template) => (
            <button key={template.id} type="button" onClick={() => void start(() => studio.newDraftFromTemplate(template.id))}>
              New from template: {template.name}
            </button>
          ))}
        </p>
        <div className="studio-row">
          <div className="form-field">
            <label htmlFor="studio-copy-from">Copy a library scenario</label>
            <select id="studio-copy-from" value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)}>
              <option value="">(choose a scenario)</option>
              {bundled.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <button type="button" disabled={!copyFrom} onClick={() => void start(() => studio.copyLibraryScenario(copyFrom))}>
            Copy into a new draft
          </button>
        </div>
        <p role="status" className="status-message">
          {status}
        </p>
      </section>

      <section aria-labelledby="studio-drafts">
        <h2 id="studio-drafts">Drafts</h2>
        {drafts === undefined ? <p>Loading drafts…</p> : drafts.list.length === 0 ? <p>No drafts yet.</p> : (
          <ul>
            {drafts.list.map((draft) => (
              <li key={draft.id}>
                <a href={routeHref({ screen: 'studio-draft', draftId: draft.id })}>{titleOf(draft)}</a> (last changed {new Date(draft.updatedAt).toLocaleString('en-GB')}){' '}
                <button type="button" onClick={() => window.confirm(`Delete the draft "${titleOf(draft)}"? Published versions are kept.`) && void studio.deleteDraft(draft.id)}>
                  Delete draft {titleOf(draft)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {drafts && drafts.unreadable > 0 ? <p>{drafts.unreadable} draft(s) could not be read.</p> : null}
      </section>

      <section aria-labelledby="studio-packs">
        <h2 id="studio-packs">Packs</h2>
        <h3>Export published scenarios</h3>
        {published.length === 0 ? <p>Nothing published yet.</p> : (
          <fieldset>
            <legend>Scenarios to put in the pack</legend>
            {published.map((p) => (
              <div key={p.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(p.id)}
                    onChange={(e) => setChosen((now) => { const next = new Set(now); if (e.target.checked) next.add(p.id); else next.delete(p.id); return next; })}
                  />{' '}
                  {p.title} (version {p.version})
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <div className="form-field">
          <label htmlFor="studio-pack-title">Pack title</label>
          <input id="studio-pack-title" type="text" value={packTitle} onChange={(e) => setPackTitle(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor="studio-pack-author">Pack author</label>
          <input id="studio-pack-author" type="text" value={packAuthor} onChange={(e) => setPackAuthor(e.target.value)} />
        </div>
        <button type="button" onClick={() => void exportPack()}>
          Export a pack
        </button>
        <p role="status" className="status-message">
          {packStatus}
        </p>
        <h3>Import a pack</h3>
        <div className="form-field">
          <label htmlFor="studio-pack-import">Pack file to import (.zip)</label>
          <input
            id="studio-pack-import"
            type="file"
            accept=".zip,application/zip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importPack(file);
            }}
          />
        </div>
        <div role="status" aria-label="Pack import report" className="studio-report">
          {importLines.map((line, i) => (
            <p key={i} className="preserve-lines">
              {line}
            </p>
          ))}
        </div>
      </section>
    </>
  );
}
