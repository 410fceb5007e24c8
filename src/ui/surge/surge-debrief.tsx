import type { SurgeDrillReport } from '../../domain/surge-drill-scoring';
import type { SurgeCall, SurgeDrill, SurgeDrillKey } from '../../domain/surge-drill-schema';
import { routeHref } from '../routing';
import { ScreenHeading } from '../shared/screen-heading';
import { formatDuration } from '../shared/time-format';
import { CriticalMissList, ScoreCategoryTable } from '../shared/score-summary';

/** How the trainee dealt with a call: took it, called it back, or closed it without a call-back. */
export interface HandledCall {
  readonly callId: string;
  readonly how: 'taken' | 'called-back' | 'closed';
}

const howText: Record<HandledCall['how'], string> = { taken: 'answered', 'called-back': 'called back', closed: 'closed without a call-back' };

/** "999 call from 07700 900418: Man lying in the road (answered)" */
export function callName(call: SurgeCall, how?: HandledCall['how']): string {
  return `${call.channel} call from ${call.callerNumber}: ${call.title}${how ? ` (${howText[how]})` : ''}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The drill's debrief: the trainee's order beside the expert's, with the reason for each place. */
export function SurgeDebrief({
  drill,
  handled,
  report,
  answerKey,
  onRestart,
}: {
  drill: SurgeDrill;
  handled: readonly HandledCall[];
  report: SurgeDrillReport;
  answerKey: SurgeDrillKey;
  onRestart: () => void;
}) {
  const calls = new Map(drill.calls.map((call) => [call.id, call]));
  const name = (callId: string) => {
    const call = calls.get(callId);
    return call ? callName(call) : callId;
  };
  const calledBack = report.callBacks.filter((c) => c.calledBack).length;
  return (
    <>
      <ScreenHeading title={`Drill debrief: ${drill.title}`}>Drill debrief: {drill.title}</ScreenHeading>
      <p className="meta">Practice drill · not saved to your history · drill version {report.drillVersion}</p>

      <section aria-labelledby="surge-outcome-heading" className={`outcome band-${report.band.id}`}>
        <h2 id="surge-outcome-heading">Outcome</h2>
        <p className="score">
          <span className="score-total">{Math.round(report.percent)}%</span> <span className="score-band">{report.band.label}</span>
        </p>
        <p>
          Your order agrees with the expert&rsquo;s by {Math.round(report.orderFraction * 100)}%.
          {report.callBacks.length > 0 && ` Abandoned calls that had to be called back: ${calledBack} of ${report.callBacks.length} called back.`}
        </p>
        <CriticalMissList misses={report.criticalMisses} what="drill" />
        <ScoreCategoryTable
          rows={[
            { name: 'Order of handling', share: `${Math.round(report.orderFraction * 100)}%`, weight: report.weights.order },
            {
              name: 'Call-backs',
              share: report.callBackFraction === null ? 'None required' : `${Math.round(report.callBackFraction * 100)}%`,
              weight: report.callBackFraction === null ? 0 : report.weights.callBacks,
            },
          ]}
        />
        <p className="meta">
          Order is scored by how far each call sits from the expert&rsquo;s place for it (Spearman&rsquo;s footrule: yours is{' '}
          {report.footrule.distance} of a possible {report.footrule.max} places out).
        </p>
      </section>

      <section aria-labelledby="surge-order-heading">
        <h2 id="surge-order-heading">Your order and the expert&rsquo;s</h2>
        <div className="surge-orders">
          <div>
            <h3 id="surge-your-order">Your order</h3>
            <ol aria-labelledby="surge-your-order">
              {handled.map((h) => {
                const call = calls.get(h.callId);
                return <li key={h.callId}>{call ? callName(call, h.how) : h.callId}</li>;
              })}
            </ol>
          </div>
          <div>
            <h3 id="surge-expert-order">The expert&rsquo;s order</h3>
            <ol aria-labelledby="surge-expert-order">
              {report.places.map((place) => (
                <li key={place.callId}>{name(place.callId)}</li>
              ))}
            </ol>
          </div>
        </div>
        <table className="debrief-table">
          <caption>The expert&rsquo;s order, with the reason for each place</caption>
          <thead>
            <tr>
              <th scope="col">Expert&rsquo;s place</th>
              <th scope="col">Call</th>
              <th scope="col">Your place</th>
              <th scope="col">Why the expert puts it here</th>
            </tr>
          </thead>
          <tbody>
            {report.places.map((place) => {
              const same = place.traineePosition === place.expertPosition;
              return (
                <tr key={place.callId} className={same ? 'row-good' : 'row-missed'}>
                  <td>{ordinal(place.expertPosition)}</td>
                  <th scope="row">{name(place.callId)}</th>
                  <td>
                    {place.traineePosition === null ? 'Not handled' : ordinal(place.traineePosition)}
                    <span className="visually-hidden">{same ? ' (same as the expert)' : ' (differs from the expert)'}</span>
                    <span aria-hidden="true" className="mark">
                      {same ? ' ✓' : ' ✗'}
                    </span>
                  </td>
                  <td>{place.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {report.callBacks.length > 0 && (
        <section aria-labelledby="surge-callbacks-heading">
          <h2 id="surge-callbacks-heading">Call-backs</h2>
          <ul className="key-questions">
            {report.callBacks.map((callBack) => (
              <li key={callBack.callId} className={callBack.calledBack ? 'row-good' : 'row-missed'}>
                <strong>
                  {name(callBack.callId)} {callBack.calledBack ? '(called back)' : '(not called back)'}
                </strong>{' '}
                {callBack.reason}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="surge-timings-heading">
        <h2 id="surge-timings-heading">Timings</h2>
        <dl className="facts">
          <div>
            <dt>First call taken after</dt>
            <dd>{formatDuration(report.timings.firstAnswerMs)}</dd>
          </div>
          <div>
            <dt>Whole drill</dt>
            <dd>{formatDuration(report.timings.totalMs)}</dd>
          </div>
        </dl>
        <p className="meta">Not scored. For comparison, the national standard is to answer 90% of 999 calls within 10 seconds.</p>
      </section>

      <section aria-labelledby="surge-teaching-heading">
        <h2 id="surge-teaching-heading">What to take away</h2>
        <ul>
          {answerKey.teachingPoints.map((point) => (
            <li key={point.text}>
              {point.text} <span className="reference">({point.reference})</span>
            </li>
          ))}
        </ul>
        <p className="meta">
          Expert: {answerKey.expert.name}, {answerKey.expert.role}.
        </p>
      </section>

      <div className="actions">
        <button type="button" className="button primary" onClick={onRestart}>
          Try the drill again
        </button>
        <a className="button" href={routeHref({ screen: 'drills' })}>
          All drills
        </a>
        <a className="button" href={routeHref({ screen: 'library' })}>
          Back to library
        </a>
      </div>
    </>
  );
}
