/** The API calls that import files into the plan, bound to the import service. */
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { ImportService } from '../importService.js';

export type ImportCalls =
  'previewImport' | 'commitImport' | 'discardImport' | 'listImports' | 'getImportProgress' | 'cancelImport';

export function importHandlers(imports: ImportService): Pick<PlannerHandlers, ImportCalls> {
  return {
    previewImport: ({ files }) => imports.preview(files),
    commitImport: ({ previewId }) => imports.commit(previewId),
    discardImport: ({ previewId }) => ({ discarded: imports.discard(previewId) }),
    listImports: () => imports.log(),
    getImportProgress: () => {
      const p = imports.progress();
      return p
        ? { running: true, ...p }
        : { running: false, files: 0, current: 0, fileName: '', stage: null, startedAt: null };
    },
    cancelImport: async () => ({ cancelled: await imports.cancel() }),
  };
}
