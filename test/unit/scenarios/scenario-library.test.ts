/**
 * The bundled library as a whole: every scenario has a naive answer that the key catches, the
 * audio fits its budget, every clip's captions end with its real audio (read from the files),
 * and the README lists every scenario.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswerKey } from '../../../src/domain/answer-key-schema';
import { callResponseSchema } from '../../../src/domain/call-response-schema';
import { parseForcePolicy } from '../../../src/domain/force-policy-schema';
import { CAPTION_END_TOLERANCE_SECONDS } from '../../../src/domain/scenario-check';
import { explainCallPath } from '../../../src/domain/scenario-graph';
import { parseScenario } from '../../../src/domain/scenario-schema';
import { scoreAttempt } from '../../../src/domain/scoring';
import { expertResponse } from '../../../src/domain/expert-response';

const repo = path.join(import.meta.dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));
const scenarioIds = fs
  .readdirSync(path.join(repo, 'scenarios'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(repo, 'scenarios', entry.name, 'scenario.json')))
  .map((entry) => entry.name)
  .sort();

const AUDIO_BUDGET_BYTES = 5 * 1024 * 1024;
const PASSING_BANDS = ['high', 'competent'];

function load(id: string) {
  const scenario = parseScenario(readJson(`scenarios/${id}/scenario.json`), `scenarios/${id}/scenario.json`);
  const answerKey = parseAnswerKey(readJson(`scenarios/${id}/answer-key.json`), `scenarios/${id}/answer-key.json`);
  const policy = parseForcePolicy(readJson(`scenarios/force-policies/${scenario.forcePolicy}.json`), scenario.forcePolicy);
  return { scenario, answerKey, policy };
}

/** Duration of an audio file as ffprobe decodes it, in seconds. */
function probeSeconds(file: string): number {
  const output = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return Number(output.trim());
}

describe('the bundled scenario library', () => {
  it('has scenarios', () => {
    expect(scenarioIds.length).toBeGreaterThan(0);
  });

  it('holds the issue-4 content: checks in 5+ calls, re-grades in 2+, panels in 3+ (one flagged and saying why), an SMS contact', () => {
    const loaded = scenarioIds.map(load);
    expect(loaded.filter(({ answerKey }) => (answerKey.requiredChecks ?? []).length > 0).length).toBeGreaterThanOrEqual(5);
    expect(loaded.filter(({ answerKey }) => (answerKey.regrades ?? []).length > 0).length).toBeGreaterThanOrEqual(2);
    const withPanel = loaded.filter(({ answerKey }) => (answerKey.panel ?? []).length > 0);
    expect(withPanel.length).toBeGreaterThanOrEqual(3);
    const flagged = withPanel.filter(({ scenario, answerKey, policy }) => {
      const expert = expertResponse(scenario, answerKey, policy);
      return expert !== null && scoreAttempt(scenario, answerKey, expert, policy).panel?.disagreement.flagged === true;
    });
    expect(flagged.length).toBeGreaterThanOrEqual(1);
    // A key whose experts disagree strongly must say so to trainers.
    for (const { answerKey } of flagged) expect(answerKey.notes ?? '').toMatch(/contentious/i);
    expect(loaded.some(({ scenario }) => scenario.metadata.contactKind === 'emergency-sms')).toBe(true);
  });

  it('gives every sound that names a person (a child crying, a woman screaming) a neutral caption that does not', () => {
    for (const { scenario } of scenarioIds.map(load)) {
      for (const clip of scenario.clips) {
        for (const line of clip.transcript) {
          if (line.kind !== 'sound' || !/child|woman|man\b|baby/i.test(line.caption)) continue;
          expect(line.neutralCaption, `${scenario.id}/${clip.id}: ${line.caption}`).toBeDefined();
          expect(line.neutralCaption ?? '', `${scenario.id}/${clip.id}: ${line.caption}`).not.toMatch(/child|woman|\bman\b|baby|crying|scream/i);
        }
      }
    }
  });

  describe.each(scenarioIds)('%s', (id) => {
    it('has a naive answer that scores below competent and triggers the critical misses its key names', () => {
      const { scenario, answerKey, policy } = load(id);
      const fixture = readJson(`test/fixtures/naive-answers/${id}.json`) as {
        scenarioId: string;
        handler: string;
        expectedCriticalMisses: string[];
        response: unknown;
      };
      expect(fixture.scenarioId).toBe(id);
      expect(fixture.handler.length).toBeGreaterThan(20);
      const response = callResponseSchema.parse(fixture.response);
      expect(explainCallPath(scenario, response.questionsAsked, response.endNodeId)).toBeNull();
      const report = scoreAttempt(scenario, answerKey, response, policy);
      expect(PASSING_BANDS).not.toContain(report.band.id);
      expect(fixture.expectedCriticalMisses.length).toBeGreaterThan(0);
      const known = answerKey.criticalMisses.map((miss) => miss.id);
      for (const miss of fixture.expectedCriticalMisses) expect(known).toContain(miss);
      expect(report.criticalMisses.map((miss) => miss.id)).toEqual(expect.arrayContaining(fixture.expectedCriticalMisses));
    });

    // Runs ffprobe on every file: generous time for a busy CI machine.
    it(`ends every clip's captions within ${CAPTION_END_TOLERANCE_SECONDS} s of its audio's real duration`, { timeout: 60_000 }, () => {
      const { scenario } = load(id);
      for (const clip of scenario.clips) {
        const lastEnd = clip.captions.at(-1)?.end;
        expect(lastEnd, `clip ${clip.id} has captions`).toBeDefined();
        for (const source of clip.audio?.sources ?? []) {
          const seconds = probeSeconds(path.join(repo, 'assets', source.src));
          expect(Math.abs(seconds - (lastEnd ?? 0)), `${source.src}: audio ${seconds} s, captions end ${lastEnd} s`).toBeLessThanOrEqual(
            CAPTION_END_TOLERANCE_SECONDS,
          );
        }
      }
    });

    it('ships no audio file that the scenario does not use', () => {
      const { scenario } = load(id);
      const used = new Set(scenario.clips.flatMap((clip) => clip.audio?.sources.map((source) => path.basename(source.src)) ?? []));
      const folder = path.join(repo, 'assets/audio', id);
      const shipped = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
      expect(shipped.filter((file) => !used.has(file))).toEqual([]);
    });

    it('is listed in the README', () => {
      expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toContain(`\`${id}\``);
    });
  });

  it('keeps all call audio within 5 MB', () => {
    const sizeOf = (dir: string): number =>
      fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
        const full = path.join(dir, entry.name);
        return sum + (entry.isDirectory() ? sizeOf(full) : fs.statSync(full).size);
      }, 0);
    expect(sizeOf(path.join(repo, 'assets/audio'))).toBeLessThanOrEqual(AUDIO_BUDGET_BYTES);
  });
});
