import type { Activity, Agent, Context, Extensions, Statement, Verb } from '@xapi/xapi';
import type { CallResponse } from './call-response-schema';
import type { ForcePolicy } from './force-policy-schema';
import { nameBasedUuid } from './name-based-uuid';
import type { ScoreReport } from './score-report-schema';

/**
 * xAPI statements for one completed attempt, built purely from the attempt (no clock, no
 * randomness): the same attempt always yields the same statements with the same ids, so a
 * statement re-sent after a failed try is stored once by the LRS.
 *
 * For each attempt, in order: `launched` (the scenario, at `startedAt`); `answered`, one per
 * decision (each THRIVE+ element's rating, the grade, each safeguarding action chosen, the pinned
 * location); `scored`; `passed` or `failed`; `completed`. Verbs and activity types are ADL's.
 */

/** What the statements are built from: an attempt record plus the trainee's profile. */
export interface XapiAttempt {
  /** The attempt's UUID: also the statements' `context.registration`. */
  readonly id: string;
  readonly profile: { readonly id: string; readonly name: string };
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly scenarioTitle: string;
  readonly incidentType: string;
  readonly mode: string;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly response: CallResponse;
  readonly report: ScoreReport;
}

export interface XapiOptions {
  /**
   * Absolute IRI without a trailing slash under which activity ids, extension keys and the
   * trainee's account home page are minted, e.g. `https://call-trainer.invalid`.
   */
  readonly activityBase: string;
  /** Compliance band ids that count as a pass: else the policy's `scoring.passingBands`, else {@link DEFAULT_PASSING_BANDS}. */
  readonly passingBands?: readonly string[];
}

/**
 * High and Competent pass; Partial, Low and Not yet competent fail (and any critical miss puts
 * an attempt in Not yet competent). This follows IAED AQUA, where "compliant" starts at the
 * competent level; a force can set its own with {@link XapiOptions.passingBands}.
 */
export const DEFAULT_PASSING_BANDS: readonly string[] = ['high', 'competent'];

const ADL = 'http://adlnet.gov/expapi';
const verb = (name: string): Verb => ({ id: `${ADL}/verbs/${name}`, display: { 'en-US': name } });

/** The ADL verbs these statements use. */
export const XAPI_VERBS = {
  launched: verb('launched'),
  answered: verb('answered'),
  scored: verb('scored'),
  passed: verb('passed'),
  failed: verb('failed'),
  completed: verb('completed'),
} as const;

/** ADL activity types: a scenario is a simulation, each decision an interaction. */
export const XAPI_ACTIVITY_TYPES = {
  simulation: `${ADL}/activities/simulation`,
  interaction: `${ADL}/activities/cmi.interaction`,
} as const;

/** Extension keys (IRIs under the activity base). */
export function xapiExtensionIris(activityBase: string) {
  const ext = (name: string) => `${activityBase}/xapi/extensions/${name}`;
  return {
    thriveResults: ext('thrive-results'),
    thriveVerdict: ext('thrive-verdict'),
    credit: ext('credit'),
    rationale: ext('rationale'),
    band: ext('compliance-band'),
    categories: ext('score-categories'),
    criticalMisses: ext('critical-misses'),
    gradeLevelsOff: ext('grade-levels-off'),
    actionVerdict: ext('safeguarding-verdict'),
    locationDistance: ext('location-distance-metres'),
    locationVerdict: ext('location-verdict'),
    policy: ext('force-policy'),
    mode: ext('attempt-mode'),
    incidentType: ext('incident-type'),
  } as const;
}

/** The scenario's activity id: `<base>/scenarios/<id>/v<version>`. */
export function scenarioActivityId(activityBase: string, scenarioId: string, scenarioVersion: number): string {
  return `${activityBase}/scenarios/${scenarioId}/v${scenarioVersion}`;
}

/** ISO 8601 duration between two ISO timestamps, in seconds to the hundredth, e.g. `PT140.5S`. */
export function isoDuration(fromIso: string, toIso: string): string {
  const seconds = Math.max(0, Date.parse(toIso) - Date.parse(fromIso)) / 1000;
  return `PT${Math.round(seconds * 100) / 100}S`;
}

const en = (text: string) => ({ 'en-GB': text });

/**
 * Builds every statement for one attempt, in the order they happened.
 *
 * @param attempt the saved attempt with its trainee's profile.
 * @param policy the force policy it was scored under (names its elements, grades and actions).
 * @param options activity base IRI and the bands that count as a pass.
 * @returns statements with deterministic ids (version-5 UUIDs of the attempt id, position, verb
 *   and object), ready to post; each validates against the xAPI 1.0.3 statement rules.
 */
export function buildAttemptStatements(attempt: XapiAttempt, policy: ForcePolicy, options: XapiOptions): Statement[] {
  const base = options.activityBase;
  // The same pass as an LMS is told (lms-outcome.ts): the force policy decides.
  const passing = options.passingBands ?? policy.scoring.passingBands ?? DEFAULT_PASSING_BANDS;
  const iri = xapiExtensionIris(base);
  const scenarioId = scenarioActivityId(base, attempt.scenarioId, attempt.scenarioVersion);
  const scenario: Activity = {
    objectType: 'Activity',
    id: scenarioId,
    definition: { type: XAPI_ACTIVITY_TYPES.simulation, name: en(attempt.scenarioTitle) },
  };
  const actor: Agent = { objectType: 'Agent', name: attempt.profile.name, account: { homePage: base, name: attempt.profile.id } };
  const contextExtensions: Extensions = {
    [iri.policy]: attempt.report.policyId,
    [iri.mode]: attempt.mode,
    [iri.incidentType]: attempt.incidentType,
  };
  const context = (withParent: boolean): Context => ({
    registration: attempt.id,
    platform: 'call-trainer',
    language: 'en-GB',
    ...(withParent ? { contextActivities: { parent: [{ objectType: 'Activity', id: scenarioId }] } } : {}),
    extensions: contextExtensions,
  });
  const statements: Statement[] = [];
  const add = (statement: Omit<Statement, 'id' | 'actor'>) => {
    const objectId = 'id' in statement.object ? String(statement.object.id) : '';
    const id = nameBasedUuid(attempt.id, `${statements.length}|${statement.verb.id}|${objectId}`);
    statements.push({ id, actor, ...statement });
  };
  const decision = (path: string, name: string, definition: Record<string, unknown>): Activity => ({
    objectType: 'Activity',
    id: `${scenarioId}/${path}`,
    definition: { type: XAPI_ACTIVITY_TYPES.interaction, name: en(name), ...definition } as Activity['definition'],
  });
  const { report, response } = attempt;
  const elementName = (id: string) => policy.framework.elements.find((e) => e.id === id)?.name ?? id;
  const actionLabel = (id: string) => policy.safeguardingActions.find((a) => a.id === id)?.label ?? id;

  add({ verb: XAPI_VERBS.launched, object: scenario, context: context(false), timestamp: attempt.startedAt });

  for (const element of report.elements) {
    add({
      verb: XAPI_VERBS.answered,
      object: decision(`thrive/${element.element}`, `THRIVE+ ${elementName(element.element)} rating`, {
        interactionType: 'choice',
        correctResponsesPattern: [element.expected, ...element.acceptable],
        choices: policy.framework.ratingScale.map((r) => ({ id: r.id, description: en(r.label) })),
      }),
      result: {
        ...(element.given === null ? {} : { response: element.given }),
        success: element.verdict === 'expected' || element.verdict === 'acceptable',
        extensions: {
          [iri.thriveVerdict]: element.verdict,
          [iri.credit]: element.credit,
          [iri.rationale]: element.givenRationale,
        },
      },
      context: context(true),
      timestamp: attempt.completedAt,
    });
  }

  const grade = report.grade;
  add({
    verb: XAPI_VERBS.answered,
    object: decision('grade', 'Grade', {
      interactionType: 'choice',
      correctResponsesPattern: [grade.expected, ...grade.acceptable],
      choices: policy.grades.map((g) => ({ id: g.id, description: en(g.name) })),
    }),
    result: {
      ...(grade.given === null ? {} : { response: grade.given }),
      success: grade.verdict === 'expected' || grade.verdict === 'acceptable',
      extensions: { [iri.thriveVerdict]: grade.verdict, [iri.gradeLevelsOff]: grade.levelsOff, [iri.credit]: grade.credit },
    },
    context: context(true),
    timestamp: attempt.completedAt,
  });

  for (const action of response.assessment.safeguardingActions) {
    const verdict = report.safeguarding.actions.find((a) => a.action === action)?.verdict ?? 'neutral';
    const success = verdict === 'harmful' ? false : verdict === 'neutral' ? undefined : true;
    add({
      verb: XAPI_VERBS.answered,
      object: decision(`safeguarding/${action}`, `Safeguarding action: ${actionLabel(action)}`, {
        interactionType: 'true-false',
        ...(verdict === 'harmful' ? { correctResponsesPattern: ['false'] } : verdict === 'neutral' ? {} : { correctResponsesPattern: ['true'] }),
      }),
      result: { response: 'true', ...(success === undefined ? {} : { success }), extensions: { [iri.actionVerdict]: verdict } },
      context: context(true),
      timestamp: attempt.completedAt,
    });
  }

  if (response.location) {
    const location = report.location;
    add({
      verb: XAPI_VERBS.answered,
      object: decision('location', 'Caller location', { interactionType: 'other' }),
      result: {
        response: `${response.location.point.x},${response.location.point.y}`,
        ...(location ? { success: location.verdict === 'within' } : {}),
        extensions: location
          ? { [iri.locationVerdict]: location.verdict, [iri.locationDistance]: location.distanceMetres, [iri.credit]: location.credit }
          : { [iri.locationVerdict]: 'not-scored' },
      },
      context: context(true),
      timestamp: attempt.completedAt,
    });
  }

  const score = { scaled: Math.round(report.percent * 100) / 10_000, raw: Math.round(report.percent * 100) / 100, min: 0, max: 100 };
  const thriveResults = report.elements.map((e) => ({ element: e.element, given: e.given, expected: e.expected, verdict: e.verdict, credit: e.credit }));
  const passed = passing.includes(report.band.id);
  const outcome: Extensions = {
    [iri.thriveResults]: thriveResults,
    [iri.band]: report.band,
    [iri.categories]: report.categories,
    [iri.criticalMisses]: report.criticalMisses.map((m) => m.id),
  };
  const duration = isoDuration(attempt.startedAt, attempt.completedAt);

  add({ verb: XAPI_VERBS.scored, object: scenario, result: { score, extensions: outcome }, context: context(false), timestamp: attempt.completedAt });
  add({
    verb: passed ? XAPI_VERBS.passed : XAPI_VERBS.failed,
    object: scenario,
    result: { score, success: passed, extensions: { [iri.band]: report.band } },
    context: context(false),
    timestamp: attempt.completedAt,
  });
  add({
    verb: XAPI_VERBS.completed,
    object: scenario,
    result: { completion: true, success: passed, duration, score },
    context: context(false),
    timestamp: attempt.completedAt,
  });
  return statements;
}
