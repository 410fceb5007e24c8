// Finding out whether an LMS launched the app, without loading any LMS code: the reporters
// (scorm12-reporter.ts, cmi5-reporter.ts) are loaded with import() only when one did.
import type { ForcePolicy } from '../domain/force-policy-schema';
import type { ScoreReport } from '../domain/score-report-schema';

/** The SCORM 1.2 run-time API an LMS puts on a parent or opener window as `API`. */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string;
  LMSFinish(parameter: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ''): string;
  LMSGetLastError(): string | number;
}

/** The launch parameters a cmi5 LMS puts on the AU's URL, still unparsed. */
export interface Cmi5LaunchQuery {
  readonly endpoint: string;
  readonly fetch: string;
  readonly actor: string;
  readonly registration: string;
  readonly activityId: string;
}

export type LmsLaunch = { readonly kind: 'scorm12'; readonly api: Scorm12Api } | { readonly kind: 'cmi5'; readonly query: Cmi5LaunchQuery };

/** Tells the LMS about each completed attempt. */
export interface LmsReporter {
  report(attempt: { readonly report: ScoreReport }, policy: ForcePolicy): Promise<void>;
}

const CMI5_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;

/**
 * cmi5 when the URL carries all five launch parameters; SCORM 1.2 when a parent frame (up to
 * the top) or the opener has an `API` object with `LMSInitialize`; otherwise null. Frames from
 * another origin cannot be read and are skipped.
 */
export function detectLmsLaunch(win: Window): LmsLaunch | null {
  const search = new URLSearchParams(win.location.search);
  if (CMI5_PARAMETERS.every((name) => search.get(name))) {
    const [endpoint, fetch, actor, registration, activityId] = CMI5_PARAMETERS.map((name) => search.get(name) ?? '') as [string, string, string, string, string];
    return { kind: 'cmi5', query: { endpoint, fetch, actor, registration, activityId } };
  }
  const api = findScorm12Api(win);
  return api ? { kind: 'scorm12', api } : null;
}

function findScorm12Api(win: Window): Scorm12Api | null {
  const apiOf = (candidate: Window | null): Scorm12Api | null => {
    try {
      const api = (candidate as (Window & { API?: Partial<Scorm12Api> }) | null)?.API;
      return api && typeof api.LMSInitialize === 'function' ? (api as Scorm12Api) : null;
    } catch {
      return null; // another origin's window
    }
  };
  let current: Window = win;
  for (let depth = 0; depth < 10; depth += 1) {
    const found = apiOf(current);
    if (found) return found;
    try {
      if (current.parent === current) break;
      current = current.parent;
    } catch {
      break; // a frame that will not even say who its parent is
    }
  }
  try {
    return apiOf(win.opener as Window | null);
  } catch {
    return null;
  }
}

/** Loads and starts the reporter for the LMS that launched the app. */
export async function connectLms(launch: LmsLaunch, win: Window): Promise<LmsReporter> {
  if (launch.kind === 'scorm12') {
    const { startScorm12Reporter } = await import('./scorm12-reporter');
    return startScorm12Reporter(launch.api, win);
  }
  const { startCmi5Reporter } = await import('./cmi5-reporter');
  return startCmi5Reporter(launch.query, win);
}
