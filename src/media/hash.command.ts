/**
 * `vigil hash PATH...`: hashes files without a database, for scripts and for comparing our
 * hashes with other tools. TSV by default (one header line), or JSON.
 */
import { relative } from 'node:path';
import type { CommandModule } from '../platform/cli/program.js';
import { Progress } from '../platform/cli/progress.js';
import { AppError } from '../platform/errors.js';
import { HashPool, mapLimit } from './hash-pool.js';
import type { MediaHashResult } from './hashing.js';
import { dihedralNames } from './pdq.js';
import { listFiles } from './walk.js';

const columns = ['path', 'media_type', 'size', 'md5', 'sha1', 'sha256', 'pdq', 'quality', 'error'] as const;
const dihedralColumns = dihedralNames.slice(1).map((name) => `pdq_${name}`);

export const hashCommands: CommandModule = (program, context) => {
  program
    .command('hash')
    .description('hash files (folders recursed): MD5, SHA-1, SHA-256, PDQ and quality; no database needed')
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', 'tsv or json', 'tsv')
    .option('--dihedral', 'add the PDQ of the 7 other rotations and flips')
    .option('--threads <n>', 'worker threads (default: one per core)')
    .action(async (paths: string[], options: { format: string; dihedral?: boolean; threads?: string }) => {
      const ctx = context();
      const format = ctx.json ? 'json' : options.format;
      if (format !== 'tsv' && format !== 'json') throw new AppError('invalid', '--format must be tsv or json');
      const threads = options.threads === undefined ? undefined : Number(options.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64))
        throw new AppError('invalid', '--threads must be 1 to 64');
      const files = await listFiles(paths);
      const pool = new HashPool(threads);
      const progress = new Progress('hashing', files.length);
      const hashOptions = { dihedral: options.dihedral === true, exif: false };
      try {
        const results = await mapLimit(
          files,
          pool.threads * 4,
          (file) => pool.hash(file, hashOptions),
          () => progress.tick(),
        );
        progress.finish();
        const display = (path: string): string => (paths.length === 1 && paths[0] === path ? path : relative(process.cwd(), path) || path);
        if (format === 'json') {
          process.stdout.write(
            JSON.stringify(
              results.map((r) => ({ ...r, path: display(r.path) })),
              null,
              2,
            ) + '\n',
          );
          return;
        }
        const header = options.dihedral === true ? [...columns, ...dihedralColumns] : [...columns];
        process.stdout.write(header.join('\t') + '\n');
        for (const result of results)
          process.stdout.write(tsvRow({ ...result, path: display(result.path) }, options.dihedral === true) + '\n');
      } finally {
        await pool.close();
      }
    });
};

function tsvRow(r: MediaHashResult, dihedral: boolean): string {
  const cells = [r.path, r.mediaType, r.size, r.md5, r.sha1, r.sha256, r.pdq, r.quality, r.error];
  if (dihedral) cells.push(...(r.dihedral ?? dihedralColumns.map(() => undefined)));
  return cells.map((cell) => (cell === undefined ? '' : String(cell).replace(/[\t\n\r]/g, ' '))).join('\t');
}
