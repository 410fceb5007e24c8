import { describe, expect, it } from 'vitest';
import { checkScenarioPackage } from '../../../src/domain/scenario-check';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { twoBranchTemplate } from '../../../src/domain/scenario-template';
import { withContactKind } from '../../../src/domain/studio-clip-edit';
import { withNodeAdded, withNodeRemoved, withOptionAdded } from '../../../src/domain/studio-graph-edit';
import { defaultPolicy } from '../../fixtures/default-policy';

const policy = defaultPolicy();
const { scenario: template, answerKey } = twoBranchTemplate('graph-call', policy);
const problemPaths = (scenario: Scenario) =>
  checkScenarioPackage({ scenarioFile: 'scenario.json', scenario, answerKeyFile: 'answer-key.json', answerKey, policies: new Map([[policy.id, policy]]), audioExists: () => true }).problems.map(
    (p) => p.path,
  );
const lastNode = (scenario: Scenario) => scenario.callGraph.nodes.at(-1)!;

describe('call graph edits in the trainer studio', () => {
  it("adds a caller's line with its own clip: one empty line of the caller's, captioned, heard on a voice call", () => {
    const added = withNodeAdded(template, 'callerSpeech');
    const node = lastNode(added);
    expect(node).toEqual({ id: 'n-line-1', kind: 'callerSpeech', clip: 'c-line-1', next: '' });
    const clip = added.clips.find((c) => c.id === 'c-line-1')!;
    expect(clip.medium).toBeUndefined();
    expect(clip.transcript).toEqual([{ kind: 'speech', speaker: 'caller', text: '' }]);
    expect(clip.captions).toMatchObject([{ start: 0, text: '', line: 0, speaker: template.speakers.find((s) => s.id === 'caller')!.label }]);
    expect(added.clips).toHaveLength(template.clips.length + 1);
    // The checks ask for its words and where it leads; its caption and its clip are otherwise well formed.
    const index = added.clips.length - 1;
    const nodeIndex = added.callGraph.nodes.length - 1;
    expect(problemPaths(added)).toEqual(expect.arrayContaining([`$.clips[${index}].transcript[0].text`, `$.callGraph.nodes[${nodeIndex}].next`]));
    expect(problemPaths(added).filter((p) => p.startsWith(`$.clips[${index}]`) && !p.includes('.text'))).toEqual([]);
  });

  it("reads a new caller's line as a text message in an emergency SMS", () => {
    const sms = withContactKind(template, 'emergency-sms');
    const clip = withNodeAdded(sms, 'callerSpeech').clips.at(-1)!;
    expect(clip.medium).toBe('text');
    expect(clip.audio).toBeUndefined();
    expect(clip.captions).toHaveLength(1);
  });

  it('gives each new node the next free id', () => {
    const twice = withNodeAdded(withNodeAdded(template, 'questionChoice'), 'questionChoice');
    expect(twice.callGraph.nodes.slice(-2).map((n) => n.id)).toEqual(['q-1', 'q-2']);
    expect(lastNode(twice)).toEqual({ id: 'q-2', kind: 'questionChoice', prompt: '', options: [{ id: 'o-q-2-1', text: '', next: '' }, { id: 'o-q-2-2', text: '', next: '' }] });
    expect(lastNode(withNodeAdded(template, 'end'))).toEqual({ id: 'end-1', kind: 'end', outcome: 'call-completed', summary: '' });
  });

  it('adds an empty option to a question, and nothing to any other node', () => {
    const withQuestion = withNodeAdded(template, 'questionChoice');
    const index = withQuestion.callGraph.nodes.length - 1;
    const node = lastNode(withOptionAdded(withQuestion, index));
    expect(node.kind === 'questionChoice' && node.options.map((o) => o.id)).toEqual(['o-q-1-1', 'o-q-1-2', 'o-q-1-3']);
    const endIndex = template.callGraph.nodes.findIndex((n) => n.kind === 'end');
    expect(withOptionAdded(template, endIndex)).toBe(template);
  });

  it("removes a caller's line with its clip, but keeps a clip another node still plays", () => {
    const added = withNodeAdded(template, 'callerSpeech');
    const removed = withNodeRemoved(added, added.callGraph.nodes.length - 1);
    expect(removed).toEqual(template);
    const sharedClip = template.callGraph.nodes.find((n) => n.kind === 'callerSpeech')!;
    const twice: Scenario = { ...template, callGraph: { ...template.callGraph, nodes: [...template.callGraph.nodes, { ...sharedClip, id: 'replay' }] } };
    const withoutReplay = withNodeRemoved(twice, twice.callGraph.nodes.length - 1);
    expect(withoutReplay.clips).toEqual(template.clips);
    expect(withNodeRemoved(template, 99)).toBe(template);
  });
});
