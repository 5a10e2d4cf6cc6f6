/**
 * The house rules of the import graph (issue 19): ESLint's import-x/no-cycle, as configured in
 * eslint.config.js, refuses an import circle (the check `npm run lint` makes over the whole repo),
 * and the dispatcher every host calls through imports nothing but the API contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the repo (the config applies there), removed afterwards.
const dir = path.join(root, 'test', `.cycle-check-${process.pid}`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cycleErrors(files: Record<string, string>): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-cycle' });
  const results = await eslint.lintFiles(Object.keys(files).map((f) => path.join(dir, f)));
  return results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}: ${m.message}`));
}

describe('import structure', () => {
  it('lint refuses a circle of value imports, and allows the same shape without the circle', async () => {
    const circle = await cycleErrors({
      'a.ts': "/** a */\nimport { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "/** b */\nimport { a } from './a.js';\nexport const b = (): number => a() - 1;\n",
    });
    expect(circle.some((m) => m.startsWith('a.ts: Dependency cycle'))).toBe(true);
    const line = await cycleErrors({
      'a.ts': "/** a */\nimport { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      'b.ts': '/** b */\nexport const b = (): number => 1;\n',
    });
    expect(line).toEqual([]);
  }, 60_000);

  it('dispatchCall’s module imports only the shared API contract', () => {
    const text = fs.readFileSync(path.join(root, 'electron/services/dispatch.ts'), 'utf8');
    const imported = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const specifier of imported) expect(specifier).toMatch(/^#shared\/api\//);
  });
});
