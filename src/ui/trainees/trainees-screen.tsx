import { useEffect, useId, useState, type FormEvent } from 'react';
import { profileNameSchema } from '../../store/profile-record';
import { useServices, type ProfileSummary } from '../app-services';
import { routeHref } from '../routing';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';

type ProfilesState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; profiles: ProfileSummary[]; activeId: string | undefined };

/**
 * The trainees who share this computer. Opening another trainee's record is a deliberate action,
 * announced in a live region; adding a trainee does not open their record.
 */
export function TraineesScreen() {
  const { profiles, profileId, profileName } = useServices();
  const [state, setState] = useState<ProfilesState>({ status: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(
    () =>
      profiles.observe(
        (value) => setState({ status: 'ready', ...value }),
        (message) => setState({ status: 'failed', message }),
      ),
    [profiles],
  );

  const open = async (profile: ProfileSummary) => {
    setBusy(true);
    try {
      const opened = await profiles.switchTo(profile.id);
      setAnnouncement(`Switched to ${opened.name}’s record. History, progress and the CPD log now show only ${opened.name}’s attempts.`);
    } catch (error) {
      setAnnouncement(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const checked = profileNameSchema.safeParse(name);
    if (!checked.success) {
      setNameError(checked.error.issues[0]?.message ?? 'check the name');
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setNameError(undefined);
    try {
      const created = await profiles.create(checked.data);
      setName('');
      setAnnouncement(`Added ${created.name}. Open their record when they are ready to train.`);
    } catch (error) {
      setNameError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <ScreenHeading title="Trainees on this computer">Trainees on this computer</ScreenHeading>
      <p className="lead">
        Each trainee has their own history, progress and CPD log. The record open now is <strong>{profileName}</strong>’s. Everything
        stays on this computer.
      </p>
      <p role="status" className="status-message">
        {announcement}
      </p>
      {state.status === 'loading' && <LoadingMessage what="trainees" />}
      {state.status === 'failed' && <ErrorMessage title="The trainees could not be read" message={state.message} />}
      {state.status === 'ready' && (
        <table className="data-table">
          <caption>Trainees</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {state.profiles.map((profile) => (
              <tr key={profile.id}>
                <th scope="row">{profile.name}</th>
                <td>
                  {profile.id === profileId ? (
                    <span>
                      Open now (<a href={routeHref({ screen: 'history' })}>history</a>)
                    </span>
                  ) : (
                    <button type="button" className="button" disabled={busy} onClick={() => void open(profile)}>
                      Open {profile.name}’s record
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)} noValidate aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Add a trainee</h2>
        <label htmlFor={`${id}-name`}>Trainee’s name</label>
        {nameError && (
          <p className="field-error" id={`${id}-name-error`}>
            {nameError}
          </p>
        )}
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={60}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button">
          Add trainee
        </button>
      </form>
    </>
  );
}
