import { useEffect, useMemo, useState } from 'react';
import { evidenceFromDigestsOldestFirst, type ActionGroup, type AttemptDigest, type AttemptEvidence } from '../../domain/attempt-evidence';
import type { ForcePolicy } from '../../domain/force-policy-schema';
import { useServices } from '../app-services';
import { useLoad } from './load-state';

type DigestsState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly digests: readonly AttemptDigest[]; readonly unreadable: number };

export interface ProgressEvidence {
  /** Oldest first. */
  readonly evidence: AttemptEvidence[];
  readonly unreadable: number;
  /** The policy of the latest attempt (grade, element and band order); undefined with no attempts. */
  readonly policy: ForcePolicy | undefined;
}

export type ProgressEvidenceState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: ProgressEvidence };

/**
 * Evidence per digest list (the list the shared feed hands every screen), so the library, the
 * dashboard and the CPD log work it out once between them, not once each.
 */
const evidenceByDigests = new WeakMap<readonly AttemptDigest[], { readonly policies: string; readonly evidence: AttemptEvidence[] }>();

function evidenceFor(list: readonly AttemptDigest[], policies: readonly ForcePolicy[]): AttemptEvidence[] {
  const policyKey = policies.map((p) => p.id).join(',');
  const known = evidenceByDigests.get(list);
  if (known?.policies === policyKey) return known.evidence;
  const groups = new Map<string, ActionGroup>();
  for (const policy of policies) for (const action of policy.safeguardingActions) groups.set(action.id, action.group);
  const evidence = evidenceFromDigestsOldestFirst(list, (id) => groups.get(id));
  evidenceByDigests.set(list, { policies: policyKey, evidence });
  return evidence;
}

/**
 * The open profile's attempts read as progress evidence (from their digests, never the full
 * records), computed once per change of the attempts, with the force policies they were scored under.
 */
export function useProgressEvidence(): ProgressEvidenceState {
  const { catalogue, progress } = useServices();
  const [digests, setDigests] = useState<DigestsState>({ status: 'loading' });
  useEffect(
    () =>
      progress.observeDigests(
        (list, unreadable) => setDigests({ status: 'ready', digests: list, unreadable }),
        (message) => setDigests({ status: 'failed', message }),
      ),
    [progress],
  );
  const list = digests.status === 'ready' ? digests.digests : undefined;
  const policyIds = useMemo(() => [...new Set((list ?? []).map((d) => d.policyId))].sort(), [list]);
  const policies = useLoad(async () => {
    const loaded = await Promise.all(policyIds.map((id) => catalogue.policy(id).catch(() => undefined)));
    return loaded.filter((p): p is ForcePolicy => p !== undefined);
  }, policyIds.join(','));
  const evidence = useMemo(() => (list && policies.status === 'ready' ? evidenceFor(list, policies.value) : undefined), [list, policies]);
  if (digests.status === 'failed') return digests;
  if (policies.status === 'failed') return policies;
  if (digests.status === 'loading' || !evidence || policies.status !== 'ready') return { status: 'loading' };
  const latestPolicyId = evidence.at(-1)?.policyId;
  return { status: 'ready', value: { evidence, unreadable: digests.unreadable, policy: policies.value.find((p) => p.id === latestPolicyId) } };
}
