import { startTransition, useEffect, useState } from 'react';
import type { CallMode } from '../domain/call-response-schema';

/**
 * Screens are addressed by the URL hash so a reload, the back button and a bookmark all land
 * where the trainee was: `#/`, `#/scenarios/<id>`, `#/scenarios/<id>/call` (practice), `#/scenarios/<id>/call/assessment`, `#/attempts/<id>`,
 * `#/attempts/<id>/reflection`, `#/history`, `#/progress`, `#/cpd`, `#/trainees`, `#/drills`, `#/drills/<id>`, `#/data`, `#/cohort` (a trainer's view of trainees' backups),
 * `#/studio` (the trainer studio's drafts and packs), `#/studio/<draft-id>` (one draft), `#/studio/<draft-id>/preview` (it played on the call screen).
 */
export type Route =
  | { readonly screen: 'library' }
  | { readonly screen: 'briefing'; readonly scenarioId: string }
  | { readonly screen: 'call'; readonly scenarioId: string; readonly mode?: CallMode }
  | { readonly screen: 'debrief'; readonly attemptId: string }
  | { readonly screen: 'reflection'; readonly attemptId: string }
  | { readonly screen: 'history' }
  | { readonly screen: 'progress' }
  | { readonly screen: 'cpd' }
  | { readonly screen: 'trainees' }
  | { readonly screen: 'drills' }
  | { readonly screen: 'drill'; readonly drillId: string }
  | { readonly screen: 'data' }
  | { readonly screen: 'cohort' }
  | { readonly screen: 'studio' }
  | { readonly screen: 'studio-draft'; readonly draftId: string }
  | { readonly screen: 'studio-preview'; readonly draftId: string }
  | { readonly screen: 'not-found'; readonly hash: string };

const slug = '([a-z0-9]+(?:-[a-z0-9]+)*)';
const attemptId = '([A-Za-z0-9-]+)';

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  let match: RegExpMatchArray | null;
  if (path === '/' || path === '') return { screen: 'library' };
  if (path === '/history') return { screen: 'history' };
  if (path === '/progress') return { screen: 'progress' };
  if (path === '/cpd') return { screen: 'cpd' };
  if (path === '/trainees') return { screen: 'trainees' };
  if ((match = path.match(new RegExp(`^/attempts/${attemptId}/reflection$`)))) return { screen: 'reflection', attemptId: match[1]! };
  if (path === '/drills') return { screen: 'drills' };
  if (path === '/data') return { screen: 'data' };
  if (path === '/cohort') return { screen: 'cohort' };
  if (path === '/studio') return { screen: 'studio' };
  if ((match = path.match(new RegExp(`^/studio/${attemptId}$`)))) return { screen: 'studio-draft', draftId: match[1]! };
  if ((match = path.match(new RegExp(`^/studio/${attemptId}/preview$`)))) return { screen: 'studio-preview', draftId: match[1]! };
  if ((match = path.match(new RegExp(`^/drills/${slug}$`)))) return { screen: 'drill', drillId: match[1]! };
  if ((match = path.match(new RegExp(`^/scenarios/${slug}$`)))) return { screen: 'briefing', scenarioId: match[1]! };
  if ((match = path.match(new RegExp(`^/scenarios/${slug}/call$`)))) return { screen: 'call', scenarioId: match[1]! };
  if ((match = path.match(new RegExp(`^/scenarios/${slug}/call/assessment$`)))) return { screen: 'call', scenarioId: match[1]!, mode: 'assessment' };
  if ((match = path.match(new RegExp(`^/attempts/${attemptId}$`)))) return { screen: 'debrief', attemptId: match[1]! };
  return { screen: 'not-found', hash };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'library':
      return '#/';
    case 'history':
      return '#/history';
    case 'progress':
      return '#/progress';
    case 'cpd':
      return '#/cpd';
    case 'trainees':
      return '#/trainees';
    case 'reflection':
      return `#/attempts/${route.attemptId}/reflection`;
    case 'drills':
      return '#/drills';
    case 'data':
      return '#/data';
    case 'cohort':
      return '#/cohort';
    case 'studio':
      return '#/studio';
    case 'studio-draft':
      return `#/studio/${route.draftId}`;
    case 'studio-preview':
      return `#/studio/${route.draftId}/preview`;
    case 'drill':
      return `#/drills/${route.drillId}`;
    case 'briefing':
      return `#/scenarios/${route.scenarioId}`;
    case 'call':
      return route.mode === 'assessment' ? `#/scenarios/${route.scenarioId}/call/assessment` : `#/scenarios/${route.scenarioId}/call`;
    case 'debrief':
      return `#/attempts/${route.attemptId}`;
    case 'not-found':
      return route.hash;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/**
 * The current route, following hash changes. A change is a transition: the screen on view stays
 * until the next one is ready (its code loaded), instead of flashing a loading message and then
 * waiting out React's pause before revealing suspended content (about 300 ms on every first visit
 * to a screen).
 */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => startTransition(() => setRoute(parseRoute(window.location.hash)));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
