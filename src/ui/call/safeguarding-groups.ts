import type { ForcePolicy, SafeguardingActionDefinition } from '../../domain/force-policy-schema';

const groupNames: Record<SafeguardingActionDefinition['group'], string> = {
  immediate: 'Immediate actions',
  'advice-and-evidence': 'Advice to the caller',
  'recording-and-flagging': 'Checks, recording and flagging',
  referral: 'Referrals',
};

/** The force policy's safeguarding palette in its groups, in a fixed order, empty groups left out. */
export function safeguardingGroups(
  policy: ForcePolicy,
): { readonly group: SafeguardingActionDefinition['group']; readonly name: string; readonly actions: SafeguardingActionDefinition[] }[] {
  return (Object.keys(groupNames) as SafeguardingActionDefinition['group'][])
    .map((group) => ({ group, name: groupNames[group], actions: policy.safeguardingActions.filter((a) => a.group === group) }))
    .filter((g) => g.actions.length > 0);
}
