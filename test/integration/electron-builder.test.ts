import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('electron-builder configuration', () => {
  it('loads and passes electron-builder’s own schema validation, with the security fuses set', async () => {
    // app-builder-lib is electron-builder's engine; its loader and validator are what `npm run dist` runs.
    const { getConfig, validateConfiguration } =
      (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
        getConfig: (dir: string, file: string, extra: null) => Promise<Record<string, unknown>>;
        validateConfiguration: (
          config: Record<string, unknown>,
          logger: { isEnabled: boolean; add: () => void },
        ) => Promise<void>;
      };
    const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // The validator is real: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, electronFuse: {} }, logger)).rejects.toThrow(/electronFuse/);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'ccplan' })]);
    const targets = (name: string) => JSON.stringify((config[name] as { target: unknown }).target);
    expect(targets('linux')).toContain('AppImage');
    expect(targets('linux')).toContain('deb');
    expect(targets('win')).toContain('nsis');
    expect(targets('mac')).toContain('dmg');
  });
});
