import { describe, expect, it } from 'vitest';
import { advance, clipsAfter, findOption, firstClipsFrom, resolveStep } from '../../../src/call/call-graph-walk';
import { checkCallGraph } from '../../../src/domain/scenario-graph';
import { tinyScenario } from './call-fixtures';

const scenario = tinyScenario();

describe('the tiny test scenario', () => {
  it('parses and passes the call-graph checks', () => {
    expect(checkCallGraph(scenario)).toEqual([]);
  });
});

describe('resolveStep', () => {
  it.each([
    ['n-greeting', 'callerSpeech'],
    ['q-first', 'questionChoice'],
    ['end-completed', 'end'],
    ['no-such-node', 'broken'],
  ] as const)('node %s is a %s step', (nodeId, kind) => {
    expect(resolveStep(scenario, nodeId).kind).toBe(kind);
  });

  it('gives caller speech its clip, and calls a missing clip broken', () => {
    const step = resolveStep(scenario, 'n-weapons');
    expect(step.kind === 'callerSpeech' && step.clip.id).toBe('c04');
    const missing = tinyScenario((raw) => {
      (raw.callGraph.nodes[0] as { clip: string }).clip = 'c99';
    });
    expect(resolveStep(missing, 'n-greeting')).toEqual({
      kind: 'broken',
      nodeId: 'n-greeting',
      message: 'Node "n-greeting" plays clip "c99", which the scenario does not define.',
    });
  });
});

describe('advance', () => {
  it.each([
    ['n-greeting', undefined, 'q-first', 'questionChoice'],
    ['q-first', 'ask-are-you-safe', 'n-safe', 'callerSpeech'],
    ['q-first', 'ask-address', 'n-address', 'callerSpeech'],
    ['q-second', 'ask-who-is-there', 'end-line-dropped', 'end'],
    ['n-weapons', undefined, 'end-completed', 'end'],
  ] as const)('from %s (option %s) reaches %s, a %s', (from, optionId, to, kind) => {
    const moved = advance(scenario, from, optionId);
    expect(moved?.nodeId).toBe(to);
    expect(moved?.step.kind).toBe(kind);
  });

  it.each([
    ['an end node', 'end-completed', undefined],
    ['a question without an option', 'q-first', undefined],
    ['an option of another question', 'q-first', 'ask-weapons'],
    ['an unknown option', 'q-first', 'nope'],
    ['an unknown node', 'nope', undefined],
  ])('cannot move on from %s', (_, from, optionId) => {
    expect(advance(scenario, from, optionId)).toBeNull();
  });
});

describe('findOption', () => {
  it('finds only options of the given question node', () => {
    expect(findOption(scenario, 'q-second', 'ask-weapons')?.text).toBe('Does he have any weapons?');
    expect(findOption(scenario, 'q-first', 'ask-weapons')).toBeUndefined();
    expect(findOption(scenario, 'n-greeting', 'ask-weapons')).toBeUndefined();
  });
});

describe('clips to preload', () => {
  it('from the start: the first clip', () => {
    expect(firstClipsFrom(scenario, ['n-greeting']).map((clip) => clip.id)).toEqual(['c01']);
  });

  it('after a clip: the first clip down every option of the question that follows', () => {
    expect(clipsAfter(scenario, 'n-greeting').map((clip) => clip.id)).toEqual(['c02', 'c03']);
    expect(clipsAfter(scenario, 'n-safe').map((clip) => clip.id)).toEqual(['c04']);
    expect(clipsAfter(scenario, 'n-weapons')).toEqual([]);
    expect(clipsAfter(scenario, 'q-second').map((clip) => clip.id)).toEqual(['c04']);
  });
});
