/**
 * The files the build puts beside the command line in dist/node (scripts/build.mjs): the built-in
 * dataset as JSON, the placement-flow fit made for it, and the new plan it was fitted on. Their
 * folder is the entry's own (./main.ts sets it from its import.meta.url): the commands run from
 * chunks one folder down (cli-chunks/), whose own URL would point at the wrong folder. Run from
 * source (tests), none of the files is there and each command does without it.
 */
let folder: URL | null = null;

/** Called once by the entry with its own import.meta.url. */
export function setBuiltFilesFolder(entryUrl: string): void {
  folder = new URL('./', entryUrl);
}

/** A file the build put beside the command line (it may not exist). */
export function builtFile(name: 'builtin-england.json' | 'builtin-flow-fit.json' | 'builtin-new-plan.ccplan'): URL {
  if (!folder) throw new Error('The command line did not say where its built files are.');
  return new URL(name, folder);
}
