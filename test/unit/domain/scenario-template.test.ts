import { describe, expect, it } from 'vitest';
import { checkScenarioPackage } from '../../../src/domain/scenario-check';
import { captionsForTranscript, twoBranchTemplate } from '../../../src/domain/scenario-template';
import type { Scenario } from '../../../src/domain/scenario-schema';
import { defaultPolicy } from '../../fixtures/default-policy';

const policy = defaultPolicy();
const check = (scenario: unknown, answerKey: unknown, audioExists = (_src: string) => true) =>
  checkScenarioPackage({
    scenarioFile: 'scenario.json',
    scenario,
    answerKeyFile: 'answer-key.json',
    answerKey,
    policies: new Map([[policy.id, policy]]),
    audioExists,
  });

/** Gives every clip audio of its captions' length, as importing or recording does. */
function withAudio(scenario: Scenario): Scenario {
  return {
    ...scenario,
    clips: scenario.clips.map((clip) => ({
      ...clip,
      audio: { sources: [{ src: `audio/${scenario.id}/${clip.id}.webm`, type: 'audio/webm' as const }], durationSeconds: clip.captions.at(-1)?.end ?? 1 },
    })),
  };
}

describe('the two-branch call template', () => {
  it('passes every scenarios:check check once its clips have audio, and the expert answer scores 100%', () => {
    const { scenario, answerKey } = twoBranchTemplate('my-new-call', policy);
    const result = check(withAudio(scenario), answerKey);
    expect(result.problems).toEqual([]);
    expect(result.expertPercent).toBe(100);
  });

  it('without audio, lacks only the audio of each of its three clips', () => {
    const { scenario, answerKey } = twoBranchTemplate('my-new-call', policy);
    const result = check(scenario, answerKey);
    expect(result.problems.map((p) => p.path)).toEqual(['$.clips[0].audio', '$.clips[1].audio', '$.clips[2].audio']);
  });

  it('has one question choice whose two options lead to two different caller lines, each ending the call', () => {
    const { scenario } = twoBranchTemplate('x', policy);
    const choice = scenario.callGraph.nodes.find((n) => n.kind === 'questionChoice');
    if (choice?.kind !== 'questionChoice') throw new Error('no question choice');
    const targets = choice.options.map((o) => scenario.callGraph.nodes.find((n) => n.id === o.next));
    expect(targets.map((t) => t?.kind)).toEqual(['callerSpeech', 'callerSpeech']);
    const ends = targets.map((t) => (t?.kind === 'callerSpeech' ? scenario.callGraph.nodes.find((n) => n.id === t.next)?.kind : undefined));
    expect(ends).toEqual(['end', 'end']);
  });
});

describe('captionsForTranscript', () => {
  it.each([
    { duration: undefined, ends: [2, 3.2] },
    { duration: 8.4, ends: [5.25, 8.4] },
  ])('shares $duration s across the lines by their length, ending exactly at the duration', ({ duration, ends }) => {
    const captions = captionsForTranscript(
      [
        { kind: 'speech', speaker: 'caller', text: 'one two three four five' },
        { kind: 'speech', speaker: 'caller', text: 'six seven eight' },
      ],
      () => 'Caller',
      duration,
    );
    expect(captions.map((c) => c.end)).toEqual(ends);
    expect(captions.map((c) => c.start)).toEqual([0, ends[0]]);
  });
});
