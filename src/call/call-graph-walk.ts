import type { CallNode, Clip, QuestionOption, Scenario } from '../domain/scenario-schema';
import { findClip, findNode } from '../domain/scenario-schema';

type NodeOfKind<K extends CallNode['kind']> = Extract<CallNode, { kind: K }>;

/**
 * What a node of the call graph asks of the call: play a clip, let the trainee choose a
 * question, or end. `broken` when the node or its clip does not exist (a graph that passed
 * `checkCallGraph` never gives it).
 */
export type CallStep =
  | { readonly kind: 'callerSpeech'; readonly node: NodeOfKind<'callerSpeech'>; readonly clip: Clip }
  | { readonly kind: 'questionChoice'; readonly node: NodeOfKind<'questionChoice'> }
  | { readonly kind: 'end'; readonly node: NodeOfKind<'end'> }
  | { readonly kind: 'broken'; readonly nodeId: string; readonly message: string };

/** The kinds of step, for guards that route on them. */
export type CallStepKind = CallStep['kind'];

/** Resolves a node id to its node (and, for caller speech, its clip). */
export function resolveStep(scenario: Scenario, nodeId: string): CallStep {
  const node = findNode(scenario, nodeId);
  if (!node) return { kind: 'broken', nodeId, message: `The call graph has no node "${nodeId}".` };
  switch (node.kind) {
    case 'callerSpeech': {
      const clip = findClip(scenario, node.clip);
      if (!clip) return { kind: 'broken', nodeId, message: `Node "${nodeId}" plays clip "${node.clip}", which the scenario does not define.` };
      return { kind: 'callerSpeech', node, clip };
    }
    case 'questionChoice':
      return { kind: 'questionChoice', node };
    case 'end':
      return { kind: 'end', node };
  }
}

/** The option `optionId` of question-choice node `nodeId`, if both exist. */
export function findOption(scenario: Scenario, nodeId: string, optionId: string): QuestionOption | undefined {
  const node = findNode(scenario, nodeId);
  return node?.kind === 'questionChoice' ? node.options.find((option) => option.id === optionId) : undefined;
}

/**
 * Moves the call on from `nodeId`: after caller speech, to its `next`; at a question choice, to
 * the chosen option's `next`. Returns the id and step reached, or null when there is no such
 * move (an end node, a question choice without a valid `optionId`, an unknown node).
 */
export function advance(
  scenario: Scenario,
  nodeId: string,
  optionId?: string,
): { readonly nodeId: string; readonly step: CallStep } | null {
  const node = findNode(scenario, nodeId);
  let nextId: string | undefined;
  if (node?.kind === 'callerSpeech') nextId = node.next;
  else if (node?.kind === 'questionChoice' && optionId !== undefined) nextId = findOption(scenario, nodeId, optionId)?.next;
  return nextId === undefined ? null : { nodeId: nextId, step: resolveStep(scenario, nextId) };
}

/**
 * The clips the caller could say next when the call reaches any of `nodeIds`: walking through
 * question choices (every option), stopping at the first caller speech on each branch. What to
 * preload so the next clip starts without a gap.
 */
export function firstClipsFrom(scenario: Scenario, nodeIds: readonly string[]): Clip[] {
  const clips = new Map<string, Clip>();
  const seen = new Set<string>();
  const queue = [...nodeIds];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const step = resolveStep(scenario, id);
    if (step.kind === 'callerSpeech') clips.set(step.clip.id, step.clip);
    else if (step.kind === 'questionChoice') queue.push(...step.node.options.map((option) => option.next));
  }
  return [...clips.values()];
}

/** The clips that could follow node `nodeId` (see `firstClipsFrom`). */
export function clipsAfter(scenario: Scenario, nodeId: string): Clip[] {
  const node = findNode(scenario, nodeId);
  if (node?.kind === 'callerSpeech') return firstClipsFrom(scenario, [node.next]);
  if (node?.kind === 'questionChoice') return firstClipsFrom(scenario, node.options.map((option) => option.next));
  return [];
}
