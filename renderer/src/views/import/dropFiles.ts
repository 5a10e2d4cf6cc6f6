/**
 * Files chosen or dropped on the Import view: turning them into import references (their path when
 * the host has one, else their contents), telling a drag that carries files from any other, and
 * keeping a file dropped beside the drop zone from replacing the app with the file.
 */
import { useEffect, type DragEvent as ReactDragEvent } from 'react';
import type { ImportFileRef } from '#shared/api/contract.js';
import { api } from '../../api';
import { toShownError } from '../../app/usePlanController';
import { bytesToBase64, contentSizeProblem, maxFilesPerImport } from './importModel';

/** Turns chosen or dropped files into import references: their path when the host has one, else their contents. */
export async function refsForFiles(files: readonly File[]): Promise<ImportFileRef[]> {
  if (files.length > maxFilesPerImport) {
    throw new Error(`Import at most ${maxFilesPerImport} files at once; ${files.length} were chosen.`);
  }
  const withPaths = files.map((file) => ({ file, path: api.pathForFile(file) }));
  const sizeProblem = contentSizeProblem(withPaths.filter((f) => !f.path).map((f) => f.file));
  if (sizeProblem) throw new Error(sizeProblem);
  const refs: ImportFileRef[] = [];
  // One at a time, so only one file's contents is held twice (bytes and base64) at once.
  for (const { file, path } of withPaths) {
    if (path) {
      refs.push({ path });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      throw new Error(`${file.name} could not be read: ${toShownError(error).message}`, { cause: error });
    }
    refs.push({ name: file.name, contentBase64: bytesToBase64(bytes) });
  }
  return refs;
}

export function hasFiles(event: DragEvent | ReactDragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** A file dropped beside the drop zone must not replace the app with the file. */
export function useKeepDroppedFiles(): void {
  useEffect(() => {
    function keepFiles(event: DragEvent) {
      if (hasFiles(event)) event.preventDefault();
    }
    window.addEventListener('dragover', keepFiles);
    window.addEventListener('drop', keepFiles);
    return () => {
      window.removeEventListener('dragover', keepFiles);
      window.removeEventListener('drop', keepFiles);
    };
  }, []);
}
