/** /api/v1/match, /api/v1/media and /api/v1/ingests: matching hashes, seized media, uploads. */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type } from 'typebox';
import type { App } from '../app.js';
import { AppError } from '../platform/errors.js';
import type { Server } from '../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid, VisibilitySchema } from '../platform/http/schemas.js';
import { maxQueriesPerRequest } from './match.service.js';

const Hex = (length: number) => Type.String({ pattern: `^[0-9a-fA-F]{${length}}$` });
const triages = ['known', 'ignorable', 'new', 'error'] as const;

const MatchSchema = Type.Object({
  entryId: Type.Integer(),
  hashSet: Type.Object({ id: Uuid, name: Type.String(), purpose: Type.String() }),
  matchedOn: OneOf(['md5', 'sha1', 'sha256', 'pdq'] as const),
  distance: Type.Integer(),
  variant: Type.Optional(Type.Integer()),
  frame: Type.Optional(Type.Object({ frameNumber: Type.Integer(), timestamp: Type.Number() })),
  labels: Type.Object({
    category: Type.Optional(Type.Object({ scheme: Type.String(), code: Type.String() })),
    baseline: Type.Optional(Type.Boolean()),
    seriesName: Type.Optional(Type.String()),
    victimIdentified: Type.Optional(Type.Boolean()),
    offenderIdentified: Type.Optional(Type.Boolean()),
    distributed: Type.Optional(Type.Boolean()),
    submissions: Type.Optional(Type.Integer()),
    notes: Type.Optional(Type.String()),
    externalId: Type.Optional(Type.String()),
    mediaType: Type.Optional(Type.String()),
    fileName: Type.Optional(Type.String()),
  }),
  hashes: Type.Record(Type.String(), Type.String()),
});

const ExifSchema = Type.Object({
  make: Type.Optional(Type.String()),
  model: Type.Optional(Type.String()),
  serialNumber: Type.Optional(Type.String()),
  lens: Type.Optional(Type.String()),
  software: Type.Optional(Type.String()),
  takenAt: Type.Optional(Type.String({ description: 'as the camera recorded it, without a time zone' })),
  gps: Type.Optional(Type.Object({ latitude: Type.Number(), longitude: Type.Number(), altitude: Type.Optional(Type.Number()) })),
});

export const MediaSchema = Type.Object({
  id: Uuid,
  ownerAgencyId: Uuid,
  visibility: VisibilitySchema,
  caseId: Nullable(Uuid),
  sha256: Type.String(),
  sha1: Type.String(),
  md5: Type.String(),
  size: Type.Integer(),
  mediaType: Type.String(),
  kind: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  durationSeconds: Nullable(Type.Number()),
  codec: Nullable(Type.String()),
  pdq: Nullable(Type.String()),
  pdqQuality: Nullable(Type.Integer()),
  exif: Nullable(ExifSchema),
  vpdq: Nullable(
    Type.Array(Type.Object({ frameNumber: Type.Integer(), quality: Type.Integer(), hash: Type.String(), timestamp: Type.Number() }), {
      description: 'videos: vPDQ at one frame a second',
    }),
  ),
  triage: OneOf(triages),
  matches: Type.Array(MatchSchema),
  stackId: Nullable(Uuid),
  stored: Type.Boolean(),
  error: Nullable(Type.String()),
  createdAt: DateTime,
});

const CountsSchema = Type.Object({
  itemsDone: Type.Integer(),
  files: Type.Integer(),
  known: Type.Integer(),
  ignorable: Type.Integer(),
  new: Type.Integer(),
  error: Type.Integer(),
  distinct: Type.Integer(),
  stacks: Type.Integer(),
});

const JobSchema = Type.Object({
  id: Uuid,
  ownerAgencyId: Uuid,
  caseId: Nullable(Uuid),
  source: Type.String(),
  hashOnly: Type.Boolean(),
  status: Type.String(),
  totalItems: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  finishedAt: Nullable(DateTime),
});

export function mediaRoutes(api: Server, app: App): void {
  const { matcher, media, ingest } = app.services;

  api.post(
    '/match',
    {
      schema: {
        tags: ['match'],
        summary: `Match up to ${maxQueriesPerRequest} hashes (MD5, SHA-1, SHA-256, PDQ) against the hash sets your agency may see`,
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object(
                {
                  md5: Type.Optional(Hex(32)),
                  sha1: Type.Optional(Hex(40)),
                  sha256: Type.Optional(Hex(64)),
                  pdq: Type.Optional(Hex(64)),
                  pdqVariants: Type.Optional(Type.Array(Hex(64), { minItems: 7, maxItems: 7 })),
                },
                { additionalProperties: false },
              ),
              { maxItems: maxQueriesPerRequest },
            ),
            maxDistance: Type.Optional(Type.Integer({ minimum: 0, maximum: 128 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ results: Type.Array(Type.Object({ matches: Type.Array(MatchSchema) })) }), ...problemResponses },
      },
    },
    async (request) => {
      const results = await matcher.match(request.actor, request.body.items, {
        ...(request.body.maxDistance !== undefined && { maxDistance: request.body.maxDistance }),
      });
      return { results: results.map((matches) => ({ matches })) };
    },
  );

  api.post(
    '/match/video',
    {
      schema: {
        tags: ['match'],
        summary: 'Match a video, given as its vPDQ frames, against the stored videos your agency may see (the vPDQ rule)',
        body: Type.Object(
          {
            frames: Type.Array(
              Type.Object(
                {
                  frameNumber: Type.Integer({ minimum: 0 }),
                  quality: Type.Integer({ minimum: 0, maximum: 100 }),
                  hash: Hex(64),
                  timestamp: Type.Number({ minimum: 0 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: maxQueriesPerRequest },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            matches: Type.Array(
              Type.Object({ mediaId: Uuid, caseId: Nullable(Uuid), queryMatchPercent: Type.Number(), comparedMatchPercent: Type.Number() }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      matches: await media.matchVideo(
        request.actor,
        request.body.frames.map((f) => ({ ...f, hash: f.hash.toLowerCase() })),
      ),
    }),
  );

  api.get(
    '/media',
    {
      schema: {
        tags: ['media'],
        summary: 'Seized media your agency may see, newest first',
        querystring: Type.Object(
          {
            caseId: Type.Optional(Uuid),
            triage: Type.Optional(OneOf(triages)),
            ingestId: Type.Optional(Uuid),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            before: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(MediaSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      return { items: await media.list(request.actor, { ...filter, limit: limit ?? 100 }) };
    },
  );

  api.get(
    '/media/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'One media item with hashes, matches and EXIF clues',
        params: IdParams,
        response: { 200: MediaSchema, ...problemResponses },
      },
    },
    (request) => media.get(request.actor, request.params.id),
  );

  api.get(
    '/media/:id/thumbnail',
    {
      schema: {
        tags: ['media'],
        summary: 'A thumbnail, blurred and greyscale unless reveal=true (analysts only; audited)',
        params: IdParams,
        querystring: Type.Object({ reveal: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        produces: ['image/jpeg'],
      },
    },
    async (request, reply) => {
      const jpeg = await media.thumbnail(request.actor, request.params.id, request.query.reveal === true);
      return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );

  api.post(
    '/media/rematch',
    {
      schema: {
        tags: ['media'],
        summary: "Match your agency's media again (one case, or all) against the hash sets as they are now",
        body: Type.Object({ case: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            checked: Type.Integer(),
            changed: Type.Integer(),
            triage: Type.Object({ known: Type.Integer(), ignorable: Type.Integer(), new: Type.Integer(), error: Type.Integer() }),
          }),
          ...problemResponses,
        },
      },
    },
    (request) => ingest.rematch(request.actor, { ...(request.body.case !== undefined && { caseRef: request.body.case }) }),
  );

  api.get(
    '/media/:id/contact-sheet',
    {
      schema: {
        tags: ['media'],
        summary:
          'A video as 12 frames tiled in one picture (never played), blurred and greyscale unless reveal=true (analysts only; audited)',
        params: IdParams,
        querystring: Type.Object({ reveal: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        produces: ['image/jpeg'],
      },
    },
    async (request, reply) => {
      const jpeg = await media.contactSheet(request.actor, request.params.id, request.query.reveal === true);
      return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );

  api.get(
    '/ingests',
    { schema: { tags: ['media'], summary: 'Recent ingest jobs', response: { 200: Items(JobSchema), ...problemResponses } } },
    async (request) => ({
      items: await media.jobs(request.actor),
    }),
  );

  api.get(
    '/ingests/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'One ingest job with its progress and counts',
        params: IdParams,
        response: { 200: Type.Object({ ...JobSchema.properties, counts: CountsSchema }), ...problemResponses },
      },
    },
    (request) => media.job(request.actor, request.params.id),
  );

  api.post(
    '/media/upload',
    {
      schema: {
        tags: ['media'],
        summary:
          'Upload media (multipart: field "case" = case id or reference, optional "hashOnly" = true, then any number of "file" parts); answers with the triage of each file',
        consumes: ['multipart/form-data'],
        response: {
          200: Type.Object({
            job: JobSchema,
            counts: CountsSchema,
            files: Type.Array(
              Type.Object({ name: Type.String(), triage: OneOf(triages), mediaId: Nullable(Uuid), error: Nullable(Type.String()) }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const dir = join(tmpdir(), `vigil-upload-${randomUUID()}`);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      try {
        const fields: Record<string, string> = {};
        const names = new Map<string, string>();
        let count = 0;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            // Refuse a wrong case before a single file is written.
            if (part.fieldname === 'case') await ingest.caseFor(request.actor, fields['case']!);
            continue;
          }
          if (fields['case'] === undefined) {
            throw new AppError('invalid', 'Send the "case" field before the files', {
              errors: [{ field: 'case', message: 'is required before the files' }],
            });
          }
          count += 1;
          const stored = join(
            dir,
            `${String(count).padStart(6, '0')}-${basename(part.filename || 'upload')
              .replace(/[^\w.-]+/g, '_')
              .slice(0, 100)}`,
          );
          names.set(stored, part.filename || `file ${count}`);
          await pipeline(part.file, createWriteStream(stored, { mode: 0o600 }));
          if (part.file.truncated) throw new AppError('payload_too_large', `${part.filename} is larger than the upload limit`);
        }
        if (count === 0) throw new AppError('invalid', 'Send at least one file', { errors: [{ field: 'file', message: 'is required' }] });
        const caseRef = fields['case'];
        if (caseRef === undefined || caseRef.trim() === '')
          throw new AppError('invalid', 'Name the case the media belongs to', { errors: [{ field: 'case', message: 'is required' }] });
        const shown = [...names.values()];
        const source = `upload: ${shown.slice(0, 5).join(', ')}${shown.length > 5 ? ', …' : ''} (${shown.length} file${shown.length === 1 ? '' : 's'})`;
        const outcome = await ingest.run(request.actor, {
          paths: [dir],
          caseRef,
          hashOnly: fields['hashOnly'] === 'true',
          threads: 1,
          source,
        });
        const found = await ingest.repository.occurrences(outcome.job.id);
        return {
          job: outcome.job,
          counts: outcome.counts,
          files: found.map((f) => ({
            name: displayName(f.path, dir, names),
            triage: f.triage,
            mediaId: f.mediaId,
            error: f.error,
          })),
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
}

/** The uploaded file's own name (and the member path inside an archive). */
function displayName(path: string, dir: string, names: ReadonlyMap<string, string>): string {
  const [outer, ...inner] = path.split('!/');
  const original = names.get(outer!) ?? outer!.slice(dir.length + 1);
  return [original, ...inner].join('!/');
}
