/** `vigil ingest` and `vigil match`: the media database from the command line. */
import { stat } from 'node:fs/promises';
import { systemActor } from '../platform/access/actor.js';
import type { CommandModule } from '../platform/cli/program.js';
import { Progress } from '../platform/cli/progress.js';
import { AppError } from '../platform/errors.js';
import { agencyIdOf } from '../platform/auth/user.command.js';
import { hashMediaFile } from './hashing.js';
import type { EntryMatch, MatchQuery } from './match.service.js';
import { vpdqHashVideo, type VpdqFrame } from './vpdq.js';

export const mediaCommands: CommandModule = (program, context) => {
  program
    .command('ingest')
    .description('hash, match, triage and record seized media under a case (folders and zip archives, nested too); run it again to resume')
    .argument('<paths...>', 'files, folders or zip archives')
    .requiredOption('--case <id-or-reference>', 'the case the media belong to (its agency owns them)')
    .option('--hash-only', 'keep only hashes and metadata, not the content')
    .option('--threads <n>', 'worker threads (default: one per core)')
    .action(async (paths: string[], options: { case: string; hashOnly?: boolean; threads?: string }) => {
      const ctx = context();
      const threads = options.threads === undefined ? undefined : Number(options.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64))
        throw new AppError('invalid', '--threads must be 1 to 64');
      const app = await ctx.openApp();
      let progress: Progress | undefined;
      const outcome = await app.services.ingest.run(systemActor(), {
        paths,
        caseRef: options.case,
        hashOnly: options.hashOnly === true,
        ...(threads !== undefined && { threads }),
        onProgress: (done, total) => {
          // Scripts (--json) get one progress line per committed batch on standard error.
          if (ctx.json) process.stderr.write(JSON.stringify({ progress: { done, total } }) + '\n');
          progress ??= new Progress('ingest', total);
          progress.set(done);
        },
      });
      progress?.finish();
      const { counts, job } = outcome;
      ctx.print(outcome, () =>
        [
          `${outcome.resumed ? 'Resumed and completed' : 'Completed'} ingest ${job.id}${job.hashOnly ? ' (hash only)' : ''}`,
          `  files:     ${counts.files} (${counts.distinct} distinct) from ${job.totalItems} item(s)`,
          `  known:     ${counts.known}`,
          `  ignorable: ${counts.ignorable}`,
          `  new:       ${counts.new} (near-duplicate stacks: ${counts.stacks})`,
          `  errors:    ${counts.error}`,
        ].join('\n'),
      );
    });

  program
    .command('rematch')
    .description("match an agency's media again against the hash sets as they are now (after sets were added or changed)")
    .option('--case <id-or-reference>', 'only the media of this case')
    .option('--agency <id-or-name>', 'all the media of this agency')
    .action(async (options: { case?: string; agency?: string }) => {
      if ((options.case === undefined) === (options.agency === undefined)) throw new AppError('invalid', 'Give either --case or --agency');
      const ctx = context();
      const app = await ctx.openApp();
      const outcome = await app.services.ingest.rematch(systemActor(), {
        ...(options.case !== undefined && { caseRef: options.case }),
        ...(options.agency !== undefined && { agencyId: await agencyIdOf(app, options.agency) }),
      });
      ctx.print(outcome, () =>
        [
          `Matched ${outcome.checked} media again; ${outcome.changed} changed`,
          `  known ${outcome.triage.known} · ignorable ${outcome.triage.ignorable} · new ${outcome.triage.new} · error ${outcome.triage.error}`,
        ].join('\n'),
      );
    });

  program
    .command('match')
    .description(
      'match a file (image or video) or a hash (MD5, SHA-1, SHA-256 or PDQ hex) against the hash sets; a video also against the stored videos',
    )
    .argument('<file-or-hash>', 'a file to hash, or a hash')
    .option('--distance <n>', 'largest PDQ distance', '31')
    .option('--agency <id-or-name>', 'match only what this agency may see (default: everything)')
    .action(async (target: string, options: { distance: string; agency?: string }) => {
      const ctx = context();
      const maxDistance = Number(options.distance);
      if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 128)
        throw new AppError('invalid', '--distance must be 0 to 128');
      const query = await queryOf(target);
      const app = await ctx.openApp();
      const viewer = options.agency === undefined ? undefined : { agencyId: await agencyIdOf(app, options.agency) };
      const [matches = []] = await app.services.matcher.match(systemActor(), [query.hashes], { maxDistance, ...(viewer && { viewer }) });
      if (query.frames === undefined) {
        ctx.print({ query: query.hashes, matches }, () => (matches.length === 0 ? 'No match' : matches.map(describeMatch).join('\n')));
        return;
      }
      const frameMatches = await app.services.matcher.matchFrames(systemActor(), query.frames, { ...(viewer && { viewer }) });
      const videos = await app.services.media.matchVideo(systemActor(), query.frames, viewer);
      ctx.print({ query: query.hashes, matches: [...matches, ...frameMatches], videos }, () => {
        const lines = [...matches, ...frameMatches].map(describeMatch);
        for (const v of videos)
          lines.push(
            `video     media ${v.mediaId}  query ${v.queryMatchPercent.toFixed(1)}% / compared ${v.comparedMatchPercent.toFixed(1)}%`,
          );
        return lines.length === 0 ? `No match (${query.frames!.length} frames hashed)` : lines.join('\n');
      });
    });
};

/** A file is hashed (images with their dihedral variants, videos as vPDQ); anything else must be a hash. */
async function queryOf(target: string): Promise<{ hashes: MatchQuery; frames?: VpdqFrame[] }> {
  const isFile = await stat(target).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) {
    const result = await hashMediaFile(target, { dihedral: true, exif: false });
    if (result.sha256 === undefined) throw new AppError('invalid', `Cannot read ${target}: ${result.error ?? 'unknown error'}`);
    const hashes: MatchQuery = {
      md5: result.md5!,
      sha1: result.sha1!,
      sha256: result.sha256,
      ...(result.pdq !== undefined && (result.quality ?? 0) >= 50 && { pdq: result.pdq, pdqVariants: result.dihedral! }),
    };
    if (result.kind !== 'video') return { hashes };
    return { hashes, frames: (await vpdqHashVideo(target, { secondsPerHash: 1 })).frames };
  }
  const hex = target.trim().toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex)) return { hashes: { md5: hex } };
  if (/^[0-9a-f]{40}$/.test(hex)) return { hashes: { sha1: hex } };
  if (/^[0-9a-f]{64}$/.test(hex)) return { hashes: { sha256: hex, pdq: hex } };
  throw new AppError('invalid', `"${target}" is neither a file nor an MD5, SHA-1, SHA-256 or PDQ hash`);
}

function describeMatch(m: EntryMatch): string {
  const labels = Object.entries(m.labels)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ');
  const how =
    m.matchedOn === 'pdq'
      ? `PDQ distance ${m.distance}${m.variant ? ` (variant ${m.variant})` : ''}${m.frame ? ` at frame ${m.frame.frameNumber} (${m.frame.timestamp.toFixed(3)} s)` : ''}`
      : m.matchedOn.toUpperCase();
  return `${m.hashSet.purpose.padEnd(9)} ${m.hashSet.name}  entry ${m.entryId}  ${how}  ${labels}`;
}
