import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSurgeDrill, isDramaNumber } from '../../../src/domain/surge-drill-check';
import { expertSurgeResponse, scoreSurgeDrill } from '../../../src/domain/surge-drill-scoring';
import { surgeDrillJson, surgeKeyJson } from './surge-drill-fixture';

const files = { drill: 'scenarios/surge-drills/mini-surge/drill.json', key: 'scenarios/surge-drills/mini-surge/answer-key.json' };

function check(change: (drill: any, key: any) => void = () => undefined) {
  const drill = surgeDrillJson();
  const key = surgeKeyJson();
  change(drill, key);
  return checkSurgeDrill(drill, key, files);
}

describe('checkSurgeDrill', () => {
  it('passes a sound drill and key, with the expert order at 100%', () => {
    const result = check();
    expect(result.problems).toEqual([]);
    expect(result.expertPercent).toBe(100);
    expect(result.drill?.calls).toHaveLength(4);
    expect(result.key?.order).toHaveLength(4);
  });

  const broken: [what: string, change: (drill: any, key: any) => unknown, file: 'drill' | 'key', at: string, words: string][] = [
    // what is wrong, the change, file, JSON path, words in the message
    ['a call with an unknown status', (d: any) => (d.calls[0].status = 'on-hold'), 'drill', '$.calls[0].status', ''],
    ['two calls with one id', (d: any) => (d.calls[1].id = 'nuisance'), 'drill', '$.calls[1].id', 'duplicate call id "nuisance"'],
    ['a drill from a newer call-trainer', (d: any) => (d.formatVersion = 2), 'drill', '$.formatVersion', 'newer than this version'],
    ['a real-looking phone number', (d: any) => (d.calls[2].callerNumber = '07911 123456'), 'drill', '$.calls[2].callerNumber', 'Ofcom drama number'],
    ['an unknown key field', (_d: any, k: any) => (k.grade = 'emergency'), 'key', '$', ''],
    ['a key for another drill', (_d: any, k: any) => (k.drillId = 'other-drill'), 'key', '$.drillId', 'is not this drill'],
    ['a key for an older drill version', (_d: any, k: any) => (k.drillVersion = 1), 'key', '$.drillVersion', 'now version 2'],
    ['an unknown call in the order', (_d: any, k: any) => (k.order[1].callId = 'ghost'), 'key', '$.order[1].callId', 'no call "ghost"'],
    ['a call placed twice', (_d: any, k: any) => (k.order[2].callId = 'live-999'), 'key', '$.order[2].callId', 'already placed'],
    ['a call left out of the order', (_d: any, k: any) => k.order.pop(), 'key', '$.order', 'call "nuisance" is not placed'],
    ['a ringing call to be called back', (_d: any, k: any) => (k.mustCallBack[0].callId = 'live-999'), 'key', '$.mustCallBack[0].callId', 'not an abandoned call'],
    ['an unknown call in a critical-miss rule', (_d: any, k: any) => (k.criticalMisses[0].rule.callId = 'ghost'), 'key', '$.criticalMisses[0].rule.callId', 'no call "ghost"'],
    ['a call-back rule on a queued call', (_d: any, k: any) => (k.criticalMisses[0].rule.callId = 'welfare'), 'key', '$.criticalMisses[0].rule.callId', 'cannot be called back'],
    ['a place past the last call', (_d: any, k: any) => (k.criticalMisses[1].rule.position = 5), 'key', '$.criticalMisses[1].rule.position', 'past the last'],
    ['two critical misses with one id', (_d: any, k: any) => (k.criticalMisses[1].id = 'not-called-back'), 'key', '$.criticalMisses[1].id', 'duplicate'],
    ['a rule the expert breaks', (_d: any, k: any) => (k.criticalMisses[1].rule = { kind: 'handledAfter', callId: 'welfare', position: 2 }), 'key', '$.criticalMisses[1]', 'own answer triggers critical miss "abandoned-late"'],
  ];
  it.each(broken)('finds %s', (_what, change, file, at, words) => {
    const result = check(change);
    expect(result.problems).toContainEqual(expect.objectContaining({ file: files[file], path: at, message: expect.stringContaining(words) }));
  });

  it('reports a missing answer key', () => {
    expect(checkSurgeDrill(surgeDrillJson(), undefined, files).problems).toEqual([
      { file: files.key, path: '$', message: 'answer key file is missing: every drill needs one' },
    ]);
  });

  it('reports problems in both files at once', () => {
    const result = check((d, k) => {
      d.difficulty = 'easy';
      k.expert = {};
    });
    expect(result.problems.map((p) => `${p.file} ${p.path}`)).toEqual(
      expect.arrayContaining([`${files.drill} $.difficulty`, `${files.key} $.expert.name`, `${files.key} $.expert.role`]),
    );
  });
});

describe('isDramaNumber', () => {
  it.each([
    ['07700 900582', true],
    ['01632 960752', true],
    ['020 7946 0123', true],
    ['0161 496 0999', true],
    ['07700 901000', false],
    ['01632 961000', false],
    ['999', false],
  ])('%s: %s', (number, expected) => {
    expect(isDramaNumber(number)).toBe(expected);
  });
});

describe('the bundled drills', () => {
  const root = path.join(import.meta.dirname, '../../..');
  const dir = path.join(root, 'scenarios/surge-drills');
  const ids = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const read = (id: string, name: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, id, name), 'utf8'));

  it('include the evening surge', () => {
    expect(ids).toContain('evening-surge');
  });

  it.each(ids)('%s passes the check, and answering by waiting time alone is caught', (id) => {
    const result = checkSurgeDrill(read(id, 'drill.json'), read(id, 'answer-key.json'), {
      drill: `scenarios/surge-drills/${id}/drill.json`,
      key: `scenarios/surge-drills/${id}/answer-key.json`,
    });
    expect(result.problems).toEqual([]);
    const { drill, key } = result;
    if (!drill || !key) throw new Error('unreachable');
    // A naive handler takes the longest wait first and closes abandoned calls without a call-back.
    const byWait = [...drill.calls].sort((a, b) => b.waitingSeconds - a.waitingSeconds).map((c) => c.id);
    const naive = scoreSurgeDrill(drill, key, { order: byWait, calledBack: [], timings: { firstAnswerMs: 0, totalMs: 0 } });
    expect(naive.band.id).toBe('not-yet-competent');
    expect(naive.criticalMisses.length).toBeGreaterThan(0);
    expect(scoreSurgeDrill(drill, key, expertSurgeResponse(key)).percent).toBe(100);
  });

  it('the evening surge: the live 999, then the high-risk call-back, then welfare, then the car alarm', () => {
    const key = read('evening-surge', 'answer-key.json') as { order: { callId: string }[] };
    expect(key.order.map((o) => o.callId)).toEqual(['road-casualty-999', 'abandoned-999-heron-close', 'welfare-mother-101', 'car-alarm-101']);
  });

  it('names only places in the Wexmoor gazetteer', () => {
    const places = JSON.parse(fs.readFileSync(path.join(root, 'scenarios/places/wexmoor.json'), 'utf8')) as {
      towns: { name: string }[];
      roads: { name: string }[];
      landmarks: { name: string }[];
    };
    const names = [...places.towns, ...places.roads, ...places.landmarks].map((p) => p.name);
    const text = JSON.stringify(read('evening-surge', 'drill.json'));
    for (const place of ['Wexmoor Way', 'Ashcombe', 'Heron Close', 'Castlebridge', 'Orchard Close', 'Eldermere', 'Mere Lane']) {
      expect(names).toContain(place);
      expect(text).toContain(place);
    }
  });
});
