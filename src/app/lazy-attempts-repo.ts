import type { AttemptsRepo } from '../store/attempts-repo';
import { toStoreError } from '../store/store-error';
import { observeWhenLoaded } from './profile-services';

/**
 * The attempts repository, loaded with the first screen or call that needs it: it brings the full
 * attempt schema and the deflate codec for stored attempts (fflate), neither of which the first
 * page needs. The library reads progress from digests, not attempts.
 */
export function lazyAttemptsRepo(load: () => Promise<AttemptsRepo>): AttemptsRepo {
  const unavailable = (message: string) => toStoreError(new Error(message), 'your attempts could not be read');
  return {
    saveAttempt: async (record, options) => (await load()).saveAttempt(record, options),
    getAttempt: async (id) => (await load()).getAttempt(id),
    listAttempts: async (profileId) => (await load()).listAttempts(profileId),
    observeAttempts: (profileId, onChange, onError) =>
      observeWhenLoaded(load, (repo) => repo.observeAttempts(profileId, onChange, onError), (message) => onError(unavailable(message))),
    observeAttempt: (id, onChange, onError) => observeWhenLoaded(load, (repo) => repo.observeAttempt(id, onChange, onError), (message) => onError(unavailable(message))),
  };
}
