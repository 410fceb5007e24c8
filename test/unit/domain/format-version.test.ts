import { describe, expect, it } from 'vitest';
import { forbiddenKeyProblems, upgradeToCurrent, type VersionedFormat } from '../../../src/domain/format-version';
import { FormatError } from '../../../src/domain/problem';
import { parseScenario } from '../../../src/domain/scenario-schema';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { miniAnswerKey, miniScenario } from '../../fixtures/mini-call';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error.problems;
    throw error;
  }
  return [];
}

describe('format versions', () => {
  it('refuses a scenario newer than the code understands, naming the file and field', () => {
    const problems = problemsOf(() => parseScenario({ ...miniScenario(), formatVersion: 2 }, 'scenarios/x/scenario.json'));
    expect(problems).toEqual([
      {
        file: 'scenarios/x/scenario.json',
        path: '$.formatVersion',
        message: expect.stringMatching(/format version 2, newer than this version of call-trainer understands \(1\)/),
      },
    ]);
  });

  it('refuses a file with no formatVersion', () => {
    const { formatVersion: _omit, ...rest } = miniAnswerKey();
    expect(problemsOf(() => parseAnswerKey(rest, 'k.json'))[0]).toMatchObject({ path: '$.formatVersion', message: expect.stringMatching(/missing or invalid formatVersion/) });
  });

  it('refuses something that is not an object', () => {
    expect(problemsOf(() => parseScenario([], 's.json'))[0]).toMatchObject({ path: '$', message: expect.stringMatching(/expected a JSON object/) });
  });

  it('runs append-only migration steps from an older version up to the current one', () => {
    const format: VersionedFormat = {
      name: 'example',
      currentVersion: 3,
      steps: [(doc) => ({ ...doc, renamed: doc.old }), (doc) => ({ ...doc, added: true })],
    };
    expect(upgradeToCurrent(format, 'f.json', { formatVersion: 1, old: 'x' })).toEqual({ formatVersion: 3, old: 'x', renamed: 'x', added: true });
    expect(upgradeToCurrent(format, 'f.json', { formatVersion: 3, kept: 1 })).toEqual({ formatVersion: 3, kept: 1 });
  });

  it('names the field and reason of a schema error', () => {
    const scenario = miniScenario() as unknown as { metadata: { difficulty: string } };
    scenario.metadata.difficulty = 'easy';
    expect(problemsOf(() => parseScenario(scenario, 'scenarios/x/scenario.json'))).toEqual([
      { file: 'scenarios/x/scenario.json', path: '$.metadata.difficulty', message: expect.stringMatching(/recruit|experienced|expert/) },
    ]);
  });

  it('rejects unknown fields so a typo is not silently ignored', () => {
    const problems = problemsOf(() => parseScenario({ ...miniScenario(), titel: 'typo' }, 's.json'));
    expect(problems[0]).toMatchObject({ path: '$', message: expect.stringMatching(/titel/) });
  });
});

describe('forbiddenKeyProblems', () => {
  it.each([
    ['at the top', '{"__proto__": {"polluted": true}, "formatVersion": 1}', ['$.__proto__']],
    ['in a record', '{"thrive": {"threat": {}, "__proto__": {"rating": "high"}}}', ['$.thrive.__proto__']],
    ['inside an array', '{"nodes": [{"id": "a"}, {"__proto__": 1}]}', ['$.nodes[1].__proto__']],
    ['nowhere', '{"constructor": "a slug is fine as data", "nodes": []}', []],
  ])('finds a __proto__ key %s, with its JSON path', (_where, json, paths) => {
    const problems = forbiddenKeyProblems('scenarios/x/scenario.json', JSON.parse(json));
    expect(problems.map((p) => p.path)).toEqual(paths);
    for (const problem of problems) {
      expect(problem.file).toBe('scenarios/x/scenario.json');
      expect(problem.message).toBe('the key "__proto__" is not allowed in a call-trainer file');
    }
  });
});
