import { RESERVED_END_IDS } from './call-response-schema';
import type { CallNode, Scenario } from './scenario-schema';

/** A problem inside one file, located by JSON path (the caller adds the file name). */
export interface LocatedMessage {
  readonly path: string;
  readonly message: string;
}

/** One way through a call: the question options chosen, in order, and the end reached. */
export interface CallPath {
  readonly asked: ReadonlyArray<{ nodeId: string; optionId: string }>;
  readonly endNodeId: string;
}

function successors(node: CallNode): string[] {
  switch (node.kind) {
    case 'callerSpeech':
      return [node.next];
    case 'questionChoice':
      return node.options.map((option) => option.next);
    case 'end':
      return [];
  }
}

/**
 * Checks the call graph of a parsed scenario: unique ids, a start that exists, no dangling
 * `next`, every node reachable, no cycles (so every path ends), every clip used and every used
 * clip defined, option ids unique across the scenario, speakers defined.
 */
export function checkCallGraph(scenario: Scenario): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const nodes = scenario.callGraph.nodes;
  const byId = new Map<string, CallNode>();
  nodes.forEach((node, index) => {
    if (RESERVED_END_IDS.includes(node.id)) {
      problems.push({ path: `$.callGraph.nodes[${index}].id`, message: `"${node.id}" is reserved for how a call can end; choose another node id` });
    }
    if (byId.has(node.id)) problems.push({ path: `$.callGraph.nodes[${index}].id`, message: `duplicate node id "${node.id}"` });
    else byId.set(node.id, node);
  });

  const clipIds = new Set<string>();
  scenario.clips.forEach((clip, index) => {
    if (clipIds.has(clip.id)) problems.push({ path: `$.clips[${index}].id`, message: `duplicate clip id "${clip.id}"` });
    clipIds.add(clip.id);
  });
  const speakerIds = new Set<string>();
  scenario.speakers.forEach((speaker, index) => {
    if (speakerIds.has(speaker.id)) problems.push({ path: `$.speakers[${index}].id`, message: `duplicate speaker id "${speaker.id}"` });
    speakerIds.add(speaker.id);
  });
  scenario.clips.forEach((clip, clipIndex) =>
    clip.transcript.forEach((line, lineIndex) => {
      if (line.kind === 'speech' && !speakerIds.has(line.speaker)) {
        problems.push({ path: `$.clips[${clipIndex}].transcript[${lineIndex}].speaker`, message: `speaker "${line.speaker}" is not one of the scenario's speakers` });
      }
    }),
  );

  if (!byId.has(scenario.callGraph.start)) {
    problems.push({ path: '$.callGraph.start', message: `start node "${scenario.callGraph.start}" does not exist` });
  }

  const optionIds = new Set<string>();
  const usedClips = new Set<string>();
  nodes.forEach((node, index) => {
    const at = `$.callGraph.nodes[${index}]`;
    if (node.kind === 'callerSpeech') {
      usedClips.add(node.clip);
      if (!clipIds.has(node.clip)) problems.push({ path: `${at}.clip`, message: `clip "${node.clip}" is not defined in clips` });
      if (!byId.has(node.next)) problems.push({ path: `${at}.next`, message: `next node "${node.next}" does not exist` });
    } else if (node.kind === 'questionChoice') {
      node.options.forEach((option, optionIndex) => {
        if (optionIds.has(option.id)) problems.push({ path: `${at}.options[${optionIndex}].id`, message: `duplicate option id "${option.id}"` });
        optionIds.add(option.id);
        if (!byId.has(option.next)) problems.push({ path: `${at}.options[${optionIndex}].next`, message: `next node "${option.next}" does not exist` });
      });
    }
  });

  scenario.clips.forEach((clip, index) => {
    if (!usedClips.has(clip.id)) problems.push({ path: `$.clips[${index}].id`, message: `clip "${clip.id}" is never played: no callerSpeech node uses it` });
  });

  // Reachability and cycles, by depth-first search from the start.
  const state = new Map<string, 'visiting' | 'done'>();
  const indexOf = new Map(nodes.map((node, index) => [node.id, index]));
  const visit = (id: string): void => {
    const node = byId.get(id);
    if (!node || state.get(id) === 'done') return;
    state.set(id, 'visiting');
    for (const next of successors(node)) {
      if (state.get(next) === 'visiting') {
        problems.push({
          path: `$.callGraph.nodes[${indexOf.get(id)}]`,
          message: `node "${id}" leads back to "${next}": the call graph has a loop, so a call could never end`,
        });
      } else visit(next);
    }
    state.set(id, 'done');
  };
  visit(scenario.callGraph.start);
  nodes.forEach((node, index) => {
    if (!state.has(node.id)) problems.push({ path: `$.callGraph.nodes[${index}].id`, message: `node "${node.id}" can never be reached from the start` });
  });
  if (!nodes.some((node) => node.kind === 'end')) {
    problems.push({ path: '$.callGraph.nodes', message: 'the call graph has no end node' });
  }
  return problems;
}

/**
 * Every way through a well-formed (acyclic) call graph, up to `limit` paths. Call only after
 * `checkCallGraph` reports nothing.
 */
export function enumerateCallPaths(scenario: Scenario, limit = 10_000): CallPath[] {
  const byId = new Map(scenario.callGraph.nodes.map((node) => [node.id, node]));
  const paths: CallPath[] = [];
  const walk = (id: string, asked: CallPath['asked']): void => {
    if (paths.length >= limit) return;
    const node = byId.get(id);
    if (!node) return;
    if (node.kind === 'end') paths.push({ asked, endNodeId: node.id });
    else if (node.kind === 'callerSpeech') walk(node.next, asked);
    else for (const option of node.options) walk(option.next, [...asked, { nodeId: node.id, optionId: option.id }]);
  };
  walk(scenario.callGraph.start, []);
  return paths;
}

/**
 * A path on which, for every group, at least one of the group's option ids is chosen (each group
 * is one key question and the options that ask it); null if no single call can ask them all.
 */
export function findPathAskingAll(scenario: Scenario, groups: ReadonlyArray<readonly string[]>): CallPath | null {
  const paths = enumerateCallPaths(scenario);
  const covers = (path: CallPath) => {
    const chosen = new Set(path.asked.map((step) => step.optionId));
    return groups.every((group) => group.some((optionId) => chosen.has(optionId)));
  };
  const covering = paths.filter(covers);
  if (covering.length === 0) return null;
  return covering.reduce((best, path) => (path.asked.length < best.asked.length ? path : best));
}

/**
 * Whether a recorded call (questions asked in order, end reached) is a real way through the
 * scenario's call graph; returns the reason when it is not. A hang-up may end it anywhere.
 */
export function explainCallPath(
  scenario: Scenario,
  asked: ReadonlyArray<{ nodeId: string; optionId: string }>,
  endNodeId: string,
): string | null {
  const byId = new Map(scenario.callGraph.nodes.map((node) => [node.id, node]));
  let nodeId = scenario.callGraph.start;
  let step = 0;
  for (let guard = 0; guard < scenario.callGraph.nodes.length + asked.length + 1; guard += 1) {
    const node = byId.get(nodeId);
    if (!node) return `node "${nodeId}" does not exist`;
    if (node.kind === 'end') {
      if (step < asked.length) return `the call ended at "${node.id}" before question ${step + 1} ("${asked[step]?.optionId}")`;
      return node.id === endNodeId ? null : `the questions lead to "${node.id}", not "${endNodeId}"`;
    }
    if (node.kind === 'callerSpeech') {
      nodeId = node.next;
      continue;
    }
    const choice = asked[step];
    if (!choice) return endNodeId === 'trainee-hung-up' ? null : `the call stops at question "${node.id}" without reaching "${endNodeId}"`;
    if (choice.nodeId !== node.id) return `question ${step + 1} was asked at "${choice.nodeId}" but the call was at "${node.id}"`;
    const option = node.options.find((o) => o.id === choice.optionId);
    if (!option) return `"${node.id}" has no option "${choice.optionId}"`;
    nodeId = option.next;
    step += 1;
  }
  return 'the path does not end';
}
