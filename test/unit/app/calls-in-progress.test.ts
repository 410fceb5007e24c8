import { describe, expect, it } from 'vitest';
import type { CallPresence } from '../../../src/app/call-presence';
import { createCallsInProgress } from '../../../src/app/calls-in-progress';
import { createCallsInProgressRepo } from '../../../src/store/calls-in-progress-repo';
import type { UnfinishedCall } from '../../../src/ui/app-services';
import { TEST_PROFILE_ID } from '../store/attempt-builder';
import { buildCall } from '../store/call-in-progress-builder';
import { useFreshDatabases } from '../store/fresh-databases';

const freshDb = useFreshDatabases();

/** Presence as Web Locks would report it: the calls some tab holds. */
function presenceOf(held: Set<string>): CallPresence {
  return {
    hold(callId) {
      held.add(callId);
      return () => held.delete(callId);
    },
    heldCallIds: async () => new Set(held),
  };
}

async function setUp(held = new Set<string>()) {
  const repo = createCallsInProgressRepo(freshDb());
  const older = buildCall({ updatedAt: '2025-03-01T09:00:10.000Z' });
  const newer = buildCall({ updatedAt: '2025-03-01T09:05:00.000Z' });
  await repo.saveCallInProgress(older);
  await repo.saveCallInProgress(newer);
  const calls = createCallsInProgress({ repo, profileId: TEST_PROFILE_ID, now: () => Date.parse('2025-03-01T10:00:00.000Z'), presence: presenceOf(held) });
  return { calls, older, newer, held };
}

describe('unfinished calls and the tabs that have them open', () => {
  it('offers the most recently advanced call of the scenario when no tab has it open', async () => {
    const { calls, newer } = await setUp();
    expect(await calls.find('dv-whispered-999')).toMatchObject({ id: newer.id, openElsewhere: false });
  });

  it('never offers a call that another tab is still taking, and offers it again once that tab lets go', async () => {
    const { calls, older, newer, held } = await setUp();
    const release = presenceOf(held).hold(newer.id);
    expect((await calls.find('dv-whispered-999'))?.id).toBe(older.id);
    const releaseOlder = calls.hold(older.id);
    expect(await calls.find('dv-whispered-999')).toBeUndefined();
    release();
    releaseOlder();
    expect((await calls.find('dv-whispered-999'))?.id).toBe(newer.id);
  });

  it('lists every unfinished call, marking those open in another tab', async () => {
    const { calls, older, newer } = await setUp(new Set());
    const release = calls.hold(newer.id);
    const seen = await new Promise<UnfinishedCall[]>((resolve, reject) => {
      const stop = calls.observe(
        (list) => {
          stop();
          resolve(list);
        },
        (message) => reject(new Error(message)),
      );
    });
    release();
    expect(seen.map((c) => [c.id, c.openElsewhere])).toEqual([
      [newer.id, true],
      [older.id, false],
    ]);
  });
});
