import { lazy, Suspense } from 'react';
import { useServices } from './app-services';
import { BriefingScreen } from './library/briefing-screen';
import { LibraryScreen } from './library/library-screen';
import { routeHref, useRoute, type Route } from './routing';
import { ScreenHeading } from './shared/screen-heading';
import { LoadingMessage } from './shared/status-message';
import { UpdateNotice } from './shared/update-notice';

// The call (XState, Howler) and the debrief load when first opened, keeping the library light.
const HistoryScreen = lazy(() => import('./history/history-screen').then((m) => ({ default: m.HistoryScreen })));
const CallScreen = lazy(() => import('./call/call-screen').then((m) => ({ default: m.CallScreen })));
const DebriefScreen = lazy(() => import('./debrief/debrief-screen').then((m) => ({ default: m.DebriefScreen })));
const DrillListScreen = lazy(() => import('./surge/drill-list-screen').then((m) => ({ default: m.DrillListScreen })));
const DataScreen = lazy(() => import('./data/data-screen').then((m) => ({ default: m.DataScreen })));
const SurgeScreen = lazy(() => import('./surge/surge-screen').then((m) => ({ default: m.SurgeScreen })));
// Progress brings the chart library; the CPD log, reflections and trainees load when opened.
const ProgressScreen = lazy(() => import('./progress/progress-screen').then((m) => ({ default: m.ProgressScreen })));
const CpdScreen = lazy(() => import('./cpd/cpd-screen').then((m) => ({ default: m.CpdScreen })));
const ReflectionScreen = lazy(() => import('./cpd/reflection-screen').then((m) => ({ default: m.ReflectionScreen })));
// The trainer's cohort view (trainees' backup files, read in memory) loads only when opened.
const CohortScreen = lazy(() => import('./cohort/cohort-screen').then((m) => ({ default: m.CohortScreen })));
// The trainer studio (forms, audio tools, pack reading and writing) is one chunk of its own.
const StudioScreens = lazy(() => import('./studio/studio-screens').then((m) => ({ default: m.StudioScreens })));
const TraineesScreen = lazy(() => import('./trainees/trainees-screen').then((m) => ({ default: m.TraineesScreen })));

/** Header, navigation and the current screen. */
export function AppShell() {
  const route = useRoute();
  const { profileName, updates } = useServices();
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to main content
      </a>
      <header className="app-header">
        <p className="app-name">
          <a href={routeHref({ screen: 'library' })}>call-trainer</a>
        </p>
        <nav aria-label="Main">
          <ul>
            <li>
              <a href={routeHref({ screen: 'library' })} aria-current={route.screen === 'library' ? 'page' : undefined}>
                Library
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'history' })} aria-current={route.screen === 'history' ? 'page' : undefined}>
                History
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'progress' })} aria-current={route.screen === 'progress' ? 'page' : undefined}>
                Progress
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'cpd' })} aria-current={route.screen === 'cpd' || route.screen === 'reflection' ? 'page' : undefined}>
                CPD log
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'drills' })} aria-current={route.screen === 'drills' || route.screen === 'drill' ? 'page' : undefined}>
                Call surge
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'studio' })} aria-current={route.screen.startsWith('studio') ? 'page' : undefined}>
                Studio
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'data' })} aria-current={route.screen === 'data' ? 'page' : undefined}>
                Your data
              </a>
            </li>
            <li>
              <a href={routeHref({ screen: 'cohort' })} aria-current={route.screen === 'cohort' ? 'page' : undefined}>
                Cohort
              </a>
            </li>
          </ul>
        </nav>
        <p className="profile">
          Record: <strong>{profileName}</strong>{' '}
          <a href={routeHref({ screen: 'trainees' })} aria-current={route.screen === 'trainees' ? 'page' : undefined}>
            Switch trainee
          </a>
        </p>
      </header>
      <UpdateNotice updates={updates} />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<LoadingMessage what="the screen" />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'library':
      return <LibraryScreen />;
    case 'briefing':
      return <BriefingScreen key={route.scenarioId} scenarioId={route.scenarioId} />;
    case 'call':
      return <CallScreen key={`${route.scenarioId}/${route.mode ?? 'practice'}`} scenarioId={route.scenarioId} mode={route.mode ?? 'practice'} />;
    case 'debrief':
      return <DebriefScreen key={route.attemptId} attemptId={route.attemptId} />;
    case 'history':
      return <HistoryScreen />;
    case 'progress':
      return <ProgressScreen />;
    case 'cpd':
      return <CpdScreen />;
    case 'reflection':
      return <ReflectionScreen key={route.attemptId} attemptId={route.attemptId} />;
    case 'trainees':
      return <TraineesScreen />;
    case 'drills':
      return <DrillListScreen />;
    case 'drill':
      return <SurgeScreen key={route.drillId} drillId={route.drillId} />;
    case 'data':
      return <DataScreen />;
    case 'cohort':
      return <CohortScreen />;
    case 'studio':
      return <StudioScreens />;
    case 'studio-draft':
      return <StudioScreens draftId={route.draftId} />;
    case 'studio-preview':
      return <StudioScreens draftId={route.draftId} preview renderCall={(scenarioId) => <CallScreen key={scenarioId} scenarioId={scenarioId} mode="practice" />} />;
    case 'not-found':
      return (
        <>
          <ScreenHeading title="Page not found">Page not found</ScreenHeading>
          <p>
            There is nothing at this address. <a href={routeHref({ screen: 'library' })}>Go to the scenario library</a>.
          </p>
        </>
      );
  }
}
