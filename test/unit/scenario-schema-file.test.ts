import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '#shared/scenario/index.js';

describe('docs/scenario.schema.json', () => {
  it('is the JSON Schema the code validates with (regenerate: npx planner scenario schema > docs/scenario.schema.json)', () => {
    const committed: unknown = JSON.parse(
      fs.readFileSync(new URL('../../docs/scenario.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
