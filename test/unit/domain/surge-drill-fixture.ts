/**
 * A tiny call-surge drill and key for unit tests, as plain JSON (what a trainer writes).
 * Expected result: the expert's order scores 100 % with no critical miss; the checker finds no
 * problem. Calls: a ringing 999, an abandoned 999 that must be called back, two queued 101s.
 */
export function surgeDrillJson(): any {
  const call = (id: string, channel: '999' | '101', status: string, callerNumber: string, waitingSeconds: number) => ({
    id,
    channel,
    callerNumber,
    status,
    waitingSeconds,
    knownBeforeAnswer: [`About ${id}`],
    title: `The ${id} call`,
    onAnswer: `The caller explains the ${id} call.`,
  });
  return {
    formatVersion: 1,
    id: 'mini-surge',
    version: 2,
    title: 'Mini surge',
    summary: 'Four calls.',
    difficulty: 'recruit',
    briefing: 'Handle them.',
    contentWarnings: [],
    calls: [
      call('nuisance', '101', 'waiting', '01632 960001', 600),
      { ...call('live-999', '999', 'ringing', '07700 900001', 5), interimRisk: 'Keep the caller safe.' },
      call('abandoned', '999', 'abandoned', '07700 900002', 60),
      call('welfare', '101', 'waiting', '01632 960002', 90),
    ],
  };
}

export function surgeKeyJson(): any {
  return {
    formatVersion: 1,
    drillId: 'mini-surge',
    drillVersion: 2,
    expert: { name: 'Test Expert', role: 'Trainer' },
    order: [
      { callId: 'live-999', reason: 'Live 999 first.' },
      { callId: 'abandoned', reason: 'Call back the marker number next.' },
      { callId: 'welfare', reason: 'Welfare before nuisance.' },
      { callId: 'nuisance', reason: 'No risk: last.' },
    ],
    mustCallBack: [{ callId: 'abandoned', reason: 'High-risk marker.' }],
    criticalMisses: [
      { id: 'not-called-back', description: 'Not called back', reason: 'Hampshire.', rule: { kind: 'notCalledBack', callId: 'abandoned' } },
      { id: 'abandoned-late', description: 'Left behind a 101 call', reason: 'Hampshire.', rule: { kind: 'handledAfter', callId: 'abandoned', position: 2 } },
    ],
    teachingPoints: [{ text: 'Risk decides the order.', reference: 'NCHS' }],
  };
}
