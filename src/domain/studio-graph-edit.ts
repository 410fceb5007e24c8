import type { CallNode, Scenario } from './scenario-schema';
import { emptySpeechLine, speakerLabeller, withClipMedium } from './studio-clip-edit';
import { captionsForTranscript } from './scenario-template';
import { nextFreeId } from './studio-systems-edit';

/**
 * The trainer studio's edits of a scenario's call graph, as pure functions of the scenario: what
 * the editor's "Add a caller's line", "Add a question", "Add an end" and "Remove" buttons do.
 * New nodes point nowhere yet (`next: ''`), so the checks ask the trainer where they lead.
 */

/**
 * The scenario with a new node of `kind` at the end of its call graph, with the next free ids. A
 * caller's line comes with its own clip: one empty line of the caller's (else the first voice),
 * captioned, and read as a text message when the scenario is a text contact.
 */
export function withNodeAdded(scenario: Scenario, kind: CallNode['kind']): Scenario {
  const nodeIds = scenario.callGraph.nodes.map((n) => n.id);
  let clips = scenario.clips;
  let node: CallNode;
  if (kind === 'callerSpeech') {
    const label = speakerLabeller(scenario.speakers);
    const transcript = [emptySpeechLine(scenario.speakers)];
    const heard = { id: nextFreeId('c-line', scenario.clips.map((c) => c.id)), transcript, captions: captionsForTranscript(transcript, label) };
    const textContact = scenario.metadata.contactKind !== undefined && scenario.metadata.contactKind !== 'voice-call';
    clips = [...clips, textContact ? withClipMedium(heard, 'text', label) : heard];
    node = { id: nextFreeId('n-line', nodeIds), kind, clip: heard.id, next: '' };
  } else if (kind === 'questionChoice') {
    const id = nextFreeId('q', nodeIds);
    node = { id, kind, prompt: '', options: [{ id: `o-${id}-1`, text: '', next: '' }, { id: `o-${id}-2`, text: '', next: '' }] };
  } else {
    node = { id: nextFreeId('end', nodeIds), kind, outcome: 'call-completed', summary: '' };
  }
  return { ...scenario, clips, callGraph: { ...scenario.callGraph, nodes: [...scenario.callGraph.nodes, node] } };
}

/** The scenario with one more (empty) option on question node `nodeIndex`; unchanged if that is not a question. */
export function withOptionAdded(scenario: Scenario, nodeIndex: number): Scenario {
  const node = scenario.callGraph.nodes[nodeIndex];
  if (node?.kind !== 'questionChoice') return scenario;
  const optionIds = scenario.callGraph.nodes.flatMap((n) => (n.kind === 'questionChoice' ? n.options.map((o) => o.id) : []));
  const withOption = { ...node, options: [...node.options, { id: nextFreeId(`o-${node.id}`, optionIds), text: '', next: '' }] };
  return { ...scenario, callGraph: { ...scenario.callGraph, nodes: scenario.callGraph.nodes.map((n, i) => (i === nodeIndex ? withOption : n)) } };
}

/**
 * The scenario without node `nodeIndex`. A caller's line's clip goes with it unless another node
 * still plays it (the draft then drops that clip's audio).
 */
export function withNodeRemoved(scenario: Scenario, nodeIndex: number): Scenario {
  const node = scenario.callGraph.nodes[nodeIndex];
  if (!node) return scenario;
  const nodes = scenario.callGraph.nodes.filter((_, i) => i !== nodeIndex);
  const clipStillPlayed = node.kind === 'callerSpeech' && nodes.some((n) => n.kind === 'callerSpeech' && n.clip === node.clip);
  const droppedClip = node.kind === 'callerSpeech' && !clipStillPlayed ? node.clip : undefined;
  return { ...scenario, clips: scenario.clips.filter((c) => c.id !== droppedClip), callGraph: { ...scenario.callGraph, nodes } };
}
