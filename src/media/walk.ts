/** Lists the files under the given paths (folders recursed), sorted, without following links. */
import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../platform/errors.js';

export async function listFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const visit = async (path: string): Promise<void> => {
    const stats = await lstat(path);
    if (stats.isDirectory()) {
      const entries = await readdir(path);
      for (const name of entries.sort()) await visit(join(path, name));
    } else if (stats.isFile()) {
      files.push(path);
    }
  };
  for (const path of paths) {
    try {
      await visit(resolve(path));
    } catch (error) {
      throw new AppError('not_found', `Cannot read ${path}: ${(error as Error).message}`);
    }
  }
  return files;
}
