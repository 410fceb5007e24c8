/**
 * `npm run scenarios:schema`: writes the JSON Schemas of the scenario, answer key and force
 * policy formats into scenarios/schema/, so trainers' editors can validate files as they type
 * (point a file's "$schema" at them). A unit test fails when the published copies are stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { answerKeySchema } from '../domain/answer-key-schema';
import { countyGazetteerSchema } from '../domain/county-gazetteer-schema';
import { forcePolicySchema } from '../domain/force-policy-schema';
import { scenarioSchema } from '../domain/scenario-schema';
import { surgeDrillKeySchema, surgeDrillSchema } from '../domain/surge-drill-schema';

export const SCHEMA_DIR = path.join('scenarios', 'schema');

/** File name → JSON Schema text, exactly as published. */
export function renderJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'scenario.schema.json': render(scenarioSchema, 'call-trainer scenario'),
    'answer-key.schema.json': render(answerKeySchema, 'call-trainer answer key'),
    'force-policy.schema.json': render(forcePolicySchema, 'call-trainer force policy'),
    'county-gazetteer.schema.json': render(countyGazetteerSchema, 'call-trainer county gazetteer'),
    'surge-drill.schema.json': render(surgeDrillSchema, 'call-trainer call-surge drill'),
    'surge-drill-answer-key.schema.json': render(surgeDrillKeySchema, 'call-trainer call-surge drill answer key'),
  };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (invokedDirectly) {
  const dir = path.join(process.cwd(), SCHEMA_DIR);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(renderJsonSchemas())) {
    fs.writeFileSync(path.join(dir, name), text);
    console.log(`wrote ${path.join(SCHEMA_DIR, name)}`);
  }
}
