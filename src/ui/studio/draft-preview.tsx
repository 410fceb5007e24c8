import { useMemo, useState, type ReactNode } from 'react';
import type { AnswerKey } from '../../domain/answer-key-schema';
import type { ScoreReport } from '../../domain/score-report-schema';
import type { Scenario } from '../../domain/scenario-schema';
import { scoreAttempt } from '../../domain/scoring';
import { checkDraft } from '../../domain/studio-draft';
import { ServicesProvider, useServices, type AppServices, type CallsInProgress } from '../app-services';
import { routeHref } from '../routing';
import { useLoad } from '../shared/load-state';
import { ScreenHeading } from '../shared/screen-heading';
import { ErrorMessage, LoadingMessage } from '../shared/status-message';

/** A preview keeps nothing: no call in progress, no attempt. */
const keepNothing: CallsInProgress = {
  find: async () => undefined,
  save: async () => undefined,
  discard: async () => undefined,
  observe: () => () => undefined,
  hold: () => () => undefined,
};

/**
 * Plays a draft exactly as a trainee would, on the real call screen (`renderCall`, given by the
 * app shell), with services that serve the draft and keep nothing: when the call is submitted it
 * is scored against the draft's answer key and the result is shown here; no attempt is saved and
 * the call screen is left (its save never completes, so it never moves on to a debrief).
 */
export function DraftPreview({ draftId, renderCall }: { draftId: string; renderCall: (scenarioId: string) => ReactNode }) {
  const { studio } = useServices();
  const loaded = useLoad(async () => {
    const [draft, policies] = await Promise.all([studio.getDraft(draftId), studio.policies()]);
    if (!draft) throw new Error('There is no such draft on this PC.');
    const checked = checkDraft({ scenario: draft.scenario, answerKey: draft.answerKey, audio: draft.clipAudio }, policies, studio.reservedIds);
    const policy = checked.scenario && policies.get(checked.scenario.forcePolicy);
    if (checked.problems.length > 0 || !checked.scenario || !checked.answerKey || !policy) {
      throw new Error(`The draft has ${checked.problems.length} problem(s): fix them in the editor before previewing.`);
    }
    return { scenario: await studio.preparePreview(draft), answerKey: checked.answerKey, policy };
  }, draftId);
  if (loaded.status === 'loading') return <LoadingMessage what="the preview" />;
  if (loaded.status === 'failed') {
    return (
      <>
        <ScreenHeading title="Preview not ready">Preview not ready</ScreenHeading>
        <ErrorMessage title="The draft cannot be previewed yet" message={loaded.message} />
        <p>
          <a href={routeHref({ screen: 'studio-draft', draftId })}>Back to the draft</a>
        </p>
      </>
    );
  }
  return <PreviewCall draftId={draftId} {...loaded.value} renderCall={renderCall} />;
}

function PreviewCall({ draftId, scenario, answerKey, policy, renderCall }: {
  draftId: string;
  scenario: Scenario;
  answerKey: AnswerKey;
  policy: Parameters<typeof scoreAttempt>[3];
  renderCall: (scenarioId: string) => ReactNode;
}) {
  const base = useServices();
  const [report, setReport] = useState<ScoreReport | undefined>();
  const [round, setRound] = useState(0);
  const services: AppServices = useMemo(
    () => ({
      ...base,
      catalogue: {
        ...base.catalogue,
        load: (id) => (id === scenario.id ? Promise.resolve(scenario) : base.catalogue.load(id)),
        answerKey: (id) => (id === scenario.id ? Promise.resolve(answerKey) : base.catalogue.answerKey(id)),
      },
      callsInProgress: keepNothing,
      history: {
        ...base.history,
        complete: (played, response) => {
          setReport(scoreAttempt(played, answerKey, response, policy));
          return new Promise<string>(() => undefined);
        },
      },
    }),
    [base, scenario, answerKey, policy],
  );
  if (report) {
    return (
      <>
        <ScreenHeading title={`Preview scored: ${scenario.metadata.title}`}>Preview scored: {scenario.metadata.title}</ScreenHeading>
        <p>
          Against the draft's answer key this call scores <strong>{Math.round(report.percent * 10) / 10}%</strong> ({report.band.label})
          {report.criticalMisses.length > 0 ? `, with ${report.criticalMisses.length} critical miss(es)` : ''}. Nothing was saved: previews are not attempts.
        </p>
        <p className="studio-actions">
          <button type="button" onClick={() => (setReport(undefined), setRound((n) => n + 1))}>
            Preview again
          </button>{' '}
          <a href={routeHref({ screen: 'studio-draft', draftId })}>Back to the draft</a>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="studio-preview-banner" role="note">
        Preview of a draft: the call plays as a trainee hears it; nothing is saved. <a href={routeHref({ screen: 'studio-draft', draftId })}>Back to the draft</a>
      </p>
      <ServicesProvider key={round} services={services}>
        {renderCall(scenario.id)}
      </ServicesProvider>
    </>
  );
}
