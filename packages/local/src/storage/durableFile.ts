// Replaces a file so that after a crash it holds either the old or the new text, never a mix:
// temporary file, fsync, rename, fsync of the folder (the rename is the commit).
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** `temporarySuffix` names the file written before the rename (a reset removes it with the rest). */
export function replaceFileDurably(path: string, text: string, temporarySuffix = ".replacing"): void {
  const temporary = `${path}${temporarySuffix}`;
  const fd = openSync(temporary, "w");
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  const folder = openSync(dirname(path), "r");
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
