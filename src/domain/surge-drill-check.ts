import { parseOrCollect, type Problem } from './problem';
import { expertSurgeResponse, scoreSurgeDrill } from './surge-drill-scoring';
import { parseSurgeDrill, parseSurgeDrillKey, type SurgeDrill, type SurgeDrillKey } from './surge-drill-schema';

export interface SurgeDrillFiles {
  /** e.g. "scenarios/surge-drills/evening-surge/drill.json" */
  readonly drill: string;
  readonly key: string;
}

export interface SurgeDrillCheckResult {
  readonly problems: Problem[];
  readonly drill?: SurgeDrill;
  readonly key?: SurgeDrillKey;
  /** The expert's own order's total, when it could be scored. */
  readonly expertPercent?: number;
}

/**
 * Ofcom's numbers reserved for drama (digits only): a drill must never show a number that could
 * ring a real person.
 */
const DRAMA_NUMBERS = [
  /^07700900\d{3}$/, // mobile
  /^01632960\d{3}$/, // no real area
  /^02079460\d{3}$/, // London
  /^01(13|14|15|16|17|18|21|31|41|51|61)4960\d{3}$/, // Leeds ... Manchester
  /^01914980\d{3}$/, // Tyneside
  /^02920180\d{3}$/, // Cardiff
  /^02896496\d{3}$/, // Belfast
];

export function isDramaNumber(number: string): boolean {
  const digits = number.replace(/[\s-]/g, '');
  return DRAMA_NUMBERS.some((range) => range.test(digits));
}


/**
 * Everything the library check demands of a call-surge drill and its answer key: both files
 * valid; caller numbers from Ofcom's drama ranges; the key written for this drill and version;
 * every call in the expert's order exactly once; only abandoned calls required to be called back;
 * every critical-miss rule pointing at a real call and a reachable place; and the expert's own
 * answer scoring 100 % with no critical miss. Each problem names the file, JSON path and reason.
 * `keyJson` is undefined when the answer key file is missing.
 */
export function checkSurgeDrill(drillJson: unknown, keyJson: unknown, files: SurgeDrillFiles): SurgeDrillCheckResult {
  const problems: Problem[] = [];
  const drill = parseOrCollect(() => parseSurgeDrill(drillJson, files.drill), problems);
  if (keyJson === undefined) problems.push({ file: files.key, path: '$', message: 'answer key file is missing: every drill needs one' });
  const key = keyJson === undefined ? undefined : parseOrCollect(() => parseSurgeDrillKey(keyJson, files.key), problems);
  if (drill) {
    drill.calls.forEach((call, index) => {
      if (!isDramaNumber(call.callerNumber)) {
        problems.push({
          file: files.drill,
          path: `$.calls[${index}].callerNumber`,
          message: `"${call.callerNumber}" is not an Ofcom drama number: use 07700 900000 to 900999 or 01632 960000 to 960999 so no real person is rung`,
        });
      }
    });
  }
  if (!drill || !key) return { problems, ...(drill ? { drill } : {}), ...(key ? { key } : {}) };

  const before = problems.length;
  const inKey = (path: string, message: string) => problems.push({ file: files.key, path, message });
  if (key.drillId !== drill.id) inKey('$.drillId', `"${key.drillId}" is not this drill: it is "${drill.id}"`);
  if (key.drillVersion !== drill.version) {
    inKey('$.drillVersion', `written for version ${key.drillVersion} of the drill, which is now version ${drill.version}: review the key and update drillVersion`);
  }
  const calls = new Map(drill.calls.map((call) => [call.id, call]));
  const known = (id: string) => (calls.has(id) ? true : `no call "${id}" in the drill (its calls: ${[...calls.keys()].join(', ')})`);

  const ordered = new Set<string>();
  key.order.forEach((placed, index) => {
    const ok = known(placed.callId);
    if (ok !== true) inKey(`$.order[${index}].callId`, ok);
    else if (ordered.has(placed.callId)) inKey(`$.order[${index}].callId`, `"${placed.callId}" is already placed earlier: each call appears once`);
    ordered.add(placed.callId);
  });
  for (const id of calls.keys()) {
    if (!ordered.has(id)) inKey('$.order', `call "${id}" is not placed: the expert's order must hold every call exactly once`);
  }

  const mustCallBack = new Set<string>();
  key.mustCallBack.forEach((entry, index) => {
    const ok = known(entry.callId);
    const path = `$.mustCallBack[${index}].callId`;
    if (ok !== true) inKey(path, ok);
    else if (calls.get(entry.callId)?.status !== 'abandoned') inKey(path, `"${entry.callId}" is not an abandoned call: only abandoned calls are called back`);
    else if (mustCallBack.has(entry.callId)) inKey(path, `"${entry.callId}" is listed twice`);
    mustCallBack.add(entry.callId);
  });

  const missIds = new Set<string>();
  key.criticalMisses.forEach((miss, index) => {
    if (missIds.has(miss.id)) inKey(`$.criticalMisses[${index}].id`, `duplicate critical miss id "${miss.id}"`);
    missIds.add(miss.id);
    const ok = known(miss.rule.callId);
    if (ok !== true) {
      inKey(`$.criticalMisses[${index}].rule.callId`, ok);
      return;
    }
    if (miss.rule.kind === 'handledAfter' && miss.rule.position > calls.size) {
      inKey(`$.criticalMisses[${index}].rule.position`, `place ${miss.rule.position} is past the last of the drill's ${calls.size} calls`);
    }
    if (miss.rule.kind === 'notCalledBack' && calls.get(miss.rule.callId)?.status !== 'abandoned') {
      inKey(`$.criticalMisses[${index}].rule.callId`, `"${miss.rule.callId}" is not an abandoned call, so it cannot be called back`);
    }
  });
  if (problems.length > before) return { problems, drill, key };

  const report = scoreSurgeDrill(drill, key, expertSurgeResponse(key));
  if (report.percent !== 100) inKey('$', `the expert's own answer scores ${report.percent}%, not 100%`);
  for (const miss of report.criticalMisses) {
    inKey(`$.criticalMisses[${key.criticalMisses.findIndex((m) => m.id === miss.id)}]`, `the expert's own answer triggers critical miss "${miss.id}"`);
  }
  return { problems, drill, key, expertPercent: report.percent };
}
