import fs from 'node:fs';
import path from 'node:path';
import { parseScenario, type Scenario } from '../../../../src/domain/scenario-schema';

/** The voice pipeline's fixture scenario: two short clips, 2-3 lines each (test/fixtures/voice). */
export const VOICE_FIXTURE_DIR = path.resolve(import.meta.dirname, '../../../fixtures/voice/voice-fixture');
export const VOICE_FIXTURE_FILE = path.join(VOICE_FIXTURE_DIR, 'scenario.json');

/** A fresh copy of the fixture: the raw JSON document and the parsed scenario. */
export function loadVoiceFixture(): { document: any; scenario: Scenario; file: string } {
  const file = 'test/fixtures/voice/voice-fixture/scenario.json';
  const document = JSON.parse(fs.readFileSync(VOICE_FIXTURE_FILE, 'utf8'));
  return { document, scenario: parseScenario(structuredClone(document), file), file };
}
