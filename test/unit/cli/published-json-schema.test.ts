import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas, SCHEMA_DIR } from '../../../src/cli/publish-json-schema';

const repo = path.join(import.meta.dirname, '../../..');

describe('published JSON Schemas', () => {
  it.each(Object.entries(renderJsonSchemas()))('scenarios/schema/%s matches the code (run npm run scenarios:schema)', (name, text) => {
    expect(fs.readFileSync(path.join(repo, SCHEMA_DIR, name), 'utf8')).toBe(text);
  });

  it('describes the fields trainers write, with descriptions for their editors', () => {
    const scenario = JSON.parse(renderJsonSchemas()['scenario.schema.json']!);
    expect(scenario.required).toEqual(expect.arrayContaining(['formatVersion', 'id', 'metadata', 'clips', 'callGraph']));
    expect(JSON.stringify(scenario)).toContain('Shown in the library; must not give the answer away.');
  });
});
