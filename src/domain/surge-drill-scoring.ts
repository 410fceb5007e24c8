import type { ComplianceBand, ForcePolicy } from './force-policy-schema';
import type { SurgeDrill, SurgeDrillKey, SurgeDrillResponse, SurgeMissRule } from './surge-drill-schema';

/**
 * Scoring a call-surge drill against the expert's order. A design choice, not a national
 * standard:
 *
 * - **Order (70 %).** 1 − the normalised Spearman footrule distance between the trainee's order
 *   and the expert's: the sum over calls of |trainee place − expert place|, divided by its largest
 *   possible value ⌊n²/2⌋. Identical orders score 1, a fully reversed order 0. A call the trainee
 *   never handled counts as handled after all the others (in reverse expert order, the worst
 *   case), so the distance stays a distance between two orders.
 * - **Call-backs (30 %).** The share of the key's must-call-back calls that were called back.
 *   A drill with none is scored on order alone.
 * - **Critical misses** (the key's rules) put the attempt in the policy's critical-miss band
 *   whatever its total, as in scoreAttempt.
 */
export const SURGE_WEIGHTS = { order: 70, callBacks: 30 } as const;

/** The compliance bands a drill is banded by: the app passes its force policy's. */
export type SurgeBands = Pick<ForcePolicy['scoring'], 'bands' | 'criticalMissBand'>;

/** The national default policy's bands (scenarios/force-policies/national-call-handling-standards.json). */
export const DEFAULT_SURGE_BANDS: SurgeBands = {
  bands: [
    { id: 'high', label: 'High compliance', minPercent: 90 },
    { id: 'competent', label: 'Competent', minPercent: 80 },
    { id: 'partial', label: 'Partial compliance', minPercent: 70 },
    { id: 'low', label: 'Low compliance', minPercent: 60 },
    { id: 'not-yet-competent', label: 'Not yet competent', minPercent: 0 },
  ],
  criticalMissBand: 'not-yet-competent',
};

export interface SurgePlaceResult {
  readonly callId: string;
  /** 1 = first. */
  readonly expertPosition: number;
  /** 1 = first; null when the trainee never handled the call. */
  readonly traineePosition: number | null;
  /** The expert's reason for this place. */
  readonly reason: string;
}

export interface SurgeCallBackResult {
  readonly callId: string;
  readonly calledBack: boolean;
  readonly reason: string;
}

export interface SurgeCriticalMiss {
  readonly id: string;
  readonly description: string;
  readonly reason: string;
}

export interface SurgeDrillReport {
  readonly drillId: string;
  readonly drillVersion: number;
  /** One row per call, in the expert's order. */
  readonly places: readonly SurgePlaceResult[];
  /** The calls the trainee handled, in their order (unknown and repeated ids dropped). */
  readonly traineeOrder: readonly string[];
  readonly footrule: { readonly distance: number; readonly max: number };
  /** 0 to 1: 1 − footrule distance / max. */
  readonly orderFraction: number;
  readonly callBacks: readonly SurgeCallBackResult[];
  /** 0 to 1; null when the key names no call that must be called back. */
  readonly callBackFraction: number | null;
  readonly weights: typeof SURGE_WEIGHTS;
  readonly criticalMisses: readonly SurgeCriticalMiss[];
  /** 0 to 100. */
  readonly percent: number;
  readonly band: { readonly id: string; readonly label: string };
  readonly timings: SurgeDrillResponse['timings'];
}

/**
 * Normalised Spearman footrule agreement between two orders of the same items: 1 when they are
 * identical, 0 when one is the other reversed. `actual` must be a permutation of `expected`.
 */
export function footruleAgreement(expected: readonly string[], actual: readonly string[]): { distance: number; max: number; fraction: number } {
  const n = expected.length;
  const place = new Map(actual.map((id, index) => [id, index]));
  let distance = 0;
  expected.forEach((id, index) => {
    const at = place.get(id);
    if (at === undefined) throw new Error(`footruleAgreement: "${id}" is missing from the compared order`);
    distance += Math.abs(at - index);
  });
  const max = Math.floor((n * n) / 2);
  return { distance, max, fraction: max === 0 ? 1 : 1 - distance / max };
}

/**
 * Scores a finished drill against its answer key. Pure: the same inputs always give the same
 * report. `bands` are the force policy's compliance bands (the national default if omitted).
 */
export function scoreSurgeDrill(
  drill: SurgeDrill,
  key: SurgeDrillKey,
  response: SurgeDrillResponse,
  bands: SurgeBands = DEFAULT_SURGE_BANDS,
): SurgeDrillReport {
  const known = new Set(drill.calls.map((call) => call.id));
  const traineeOrder = [...new Set(response.order)].filter((id) => known.has(id));
  const traineePlace = new Map(traineeOrder.map((id, index) => [id, index + 1]));
  const expertOrder = key.order.map((placed) => placed.callId);

  // Unhandled calls go last, in reverse expert order: the worst case for the trainee.
  const completed = [...traineeOrder, ...expertOrder.filter((id) => !traineePlace.has(id)).reverse()];
  const { distance, max, fraction: orderFraction } = footruleAgreement(expertOrder, completed);

  const calledBack = new Set(response.calledBack);
  const callBacks = key.mustCallBack.map((entry) => ({ callId: entry.callId, calledBack: calledBack.has(entry.callId), reason: entry.reason }));
  const callBackFraction = callBacks.length === 0 ? null : callBacks.filter((c) => c.calledBack).length / callBacks.length;

  const earned = SURGE_WEIGHTS.order * orderFraction + (callBackFraction === null ? 0 : SURGE_WEIGHTS.callBacks * callBackFraction);
  const possible = SURGE_WEIGHTS.order + (callBackFraction === null ? 0 : SURGE_WEIGHTS.callBacks);
  const percent = Math.round((earned / possible) * 1000) / 10;

  const criticalMisses = key.criticalMisses
    .filter((miss) => missTriggered(miss.rule, traineePlace, calledBack))
    .map(({ id, description, reason }) => ({ id, description, reason }));

  return {
    drillId: drill.id,
    drillVersion: drill.version,
    places: key.order.map((placed, index) => ({
      callId: placed.callId,
      expertPosition: index + 1,
      traineePosition: traineePlace.get(placed.callId) ?? null,
      reason: placed.reason,
    })),
    traineeOrder,
    footrule: { distance, max },
    orderFraction,
    callBacks,
    callBackFraction,
    weights: SURGE_WEIGHTS,
    criticalMisses,
    percent,
    band: bandFor(bands, percent, criticalMisses.length > 0),
    timings: response.timings,
  };
}

function missTriggered(rule: SurgeMissRule, traineePlace: ReadonlyMap<string, number>, calledBack: ReadonlySet<string>): boolean {
  switch (rule.kind) {
    case 'handledAfter': {
      const place = traineePlace.get(rule.callId);
      return place === undefined || place > rule.position;
    }
    case 'notCalledBack':
      return !calledBack.has(rule.callId);
  }
}

function bandFor(bands: SurgeBands, percent: number, hasCriticalMiss: boolean): { id: string; label: string } {
  const list: readonly ComplianceBand[] = bands.bands;
  const band = hasCriticalMiss ? list.find((b) => b.id === bands.criticalMissBand) : list.find((b) => percent >= b.minPercent);
  const chosen = band ?? list[list.length - 1];
  if (!chosen) throw new Error('scoreSurgeDrill: no compliance bands given');
  return { id: chosen.id, label: chosen.label };
}

/** The response an expert following the key gives: their order, and every must-call-back call called back. */
export function expertSurgeResponse(key: SurgeDrillKey): SurgeDrillResponse {
  return {
    order: key.order.map((placed) => placed.callId),
    calledBack: key.mustCallBack.map((entry) => entry.callId),
    timings: { firstAnswerMs: 0, totalMs: 0 },
  };
}
