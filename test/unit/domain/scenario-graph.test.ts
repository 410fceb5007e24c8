import { describe, expect, it } from 'vitest';
import { checkCallGraph, enumerateCallPaths, findPathAskingAll } from '../../../src/domain/scenario-graph';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { miniScenario } from '../../fixtures/mini-call';

function mutate(change: (scenario: Scenario) => void): Scenario {
  const scenario = miniScenario();
  change(scenario);
  return scenario;
}

describe('checkCallGraph', () => {
  it('finds nothing wrong with a sound graph', () => {
    expect(checkCallGraph(miniScenario())).toEqual([]);
  });

  it.each<[string, (s: Scenario) => void, { path: string; message: RegExp }]>([
    ['a missing start', (s) => (s.callGraph.start = 'nowhere'), { path: '$.callGraph.start', message: /start node "nowhere" does not exist/ }],
    ['a dangling next', (s) => { const n = s.callGraph.nodes[0]; if (n?.kind === 'callerSpeech') n.next = 'ghost'; }, { path: '$.callGraph.nodes[0].next', message: /"ghost" does not exist/ }],
    ['a dangling option', (s) => { const n = s.callGraph.nodes[1]; if (n?.kind === 'questionChoice' && n.options[1]) n.options[1].next = 'ghost'; }, { path: '$.callGraph.nodes[1].options[1].next', message: /"ghost" does not exist/ }],
    ['an undefined clip', (s) => { const n = s.callGraph.nodes[2]; if (n?.kind === 'callerSpeech') n.clip = 'c-ghost'; }, { path: '$.callGraph.nodes[2].clip', message: /clip "c-ghost" is not defined/ }],
    ['an unused clip', (s) => s.clips.push({ ...s.clips[0]!, id: 'c-spare' }), { path: '$.clips[4].id', message: /never played/ }],
    ['a duplicate node', (s) => s.callGraph.nodes.push({ id: 'n-open', kind: 'end', outcome: 'call-completed', summary: 'x' }), { path: '$.callGraph.nodes[8].id', message: /duplicate node id/ }],
    ['a duplicate option id', (s) => { const n = s.callGraph.nodes[4]; if (n?.kind === 'questionChoice' && n.options[0]) n.options[0].id = 'o-safe'; }, { path: '$.callGraph.nodes[4].options[0].id', message: /duplicate option id "o-safe"/ }],
    ['an unreachable node', (s) => s.callGraph.nodes.push({ id: 'end-orphan', kind: 'end', outcome: 'call-completed', summary: 'x' }), { path: '$.callGraph.nodes[8].id', message: /can never be reached/ }],
    ['a loop', (s) => { const n = s.callGraph.nodes[5]; if (n?.kind === 'callerSpeech') n.next = 'q-first'; }, { path: '$.callGraph.nodes[5]', message: /loop/ }],
    ['a reserved node id', (s) => s.callGraph.nodes.push({ id: 'trainee-hung-up', kind: 'end', outcome: 'call-completed', summary: 'x' }), { path: '$.callGraph.nodes[8].id', message: /reserved/ }],
    ['an unknown speaker', (s) => { const line = s.clips[0]?.transcript[0]; if (line?.kind === 'speech') line.speaker = 'stranger'; }, { path: '$.clips[0].transcript[0].speaker', message: /"stranger" is not one of the scenario's speakers/ }],
  ])('reports %s at its path', (_name, change, expected) => {
    const problems = checkCallGraph(mutate(change));
    expect(problems).toContainEqual({ path: expected.path, message: expect.stringMatching(expected.message) });
  });
});

describe('call paths', () => {
  it('enumerates every way through the call', () => {
    expect(enumerateCallPaths(miniScenario()).map((p) => [p.asked.map((a) => a.optionId), p.endNodeId])).toEqual([
      [['o-safe', 'o-weapon'], 'end-help-coming'],
      [['o-safe', 'o-name'], 'end-help-coming'],
      [['o-loud'], 'end-dropped'],
    ]);
  });

  it('finds the path that asks every key question, or none', () => {
    expect(findPathAskingAll(miniScenario(), [['o-safe'], ['o-weapon']])?.asked.map((a) => a.optionId)).toEqual(['o-safe', 'o-weapon']);
    expect(findPathAskingAll(miniScenario(), [['o-loud'], ['o-weapon']])).toBeNull();
  });
});
