/** Small questions about the disk: does a file or folder exist. */
import { existsSync, readFileSync, statSync } from 'node:fs';

/** Whether anything (file, folder, link) exists at `abs`. */
export function exists(abs: string): boolean {
  return existsSync(abs);
}

/** Whether `abs` is a folder (following links). */
export function isFolder(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** A file's bytes (a paper copied into the website, for one). */
export function readBytes(abs: string): Buffer {
  return readFileSync(abs);
}

/** A file's text, or undefined when there is no readable file at `abs`. */
export function readIfExists(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
