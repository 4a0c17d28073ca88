/** /api/v1/hashsets: hash sets, their entries, import (multipart file) and export. */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid, VisibilitySchema } from '../../platform/http/schemas.js';
import { AppError } from '../../platform/errors.js';
import { hashSetFormats } from './formats/index.js';
import type { ExportFormat } from './hashset.service.js';

export const HashSetSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  purpose: OneOf(['known', 'ignorable'] as const),
  description: Type.String(),
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  visibility: VisibilitySchema,
  sharedWith: Type.Array(Uuid),
  entryCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const Issue = Type.Object({ line: Type.Integer(), message: Type.String(), path: Type.Optional(Type.String()) });
const Flag = Nullable(Type.Boolean());
export const EntrySchema = Type.Object({
  id: Type.Integer(),
  md5: Type.Optional(Type.String()),
  sha1: Type.Optional(Type.String()),
  sha256: Type.Optional(Type.String()),
  pdq: Type.Optional(Type.String()),
  pdqQuality: Type.Optional(Type.Integer()),
  photoDna: Type.Optional(Type.String()),
  category: Type.Optional(Type.Object({ scheme: Type.String(), code: Type.String() })),
  baseline: Type.Optional(Flag),
  seriesName: Type.Optional(Type.String()),
  victimIdentified: Type.Optional(Flag),
  offenderIdentified: Type.Optional(Flag),
  distributed: Type.Optional(Flag),
  submissions: Type.Optional(Type.Integer()),
  notes: Type.Optional(Type.String()),
  externalId: Type.Optional(Type.String()),
  mediaType: Type.Optional(Type.String()),
  fileName: Type.Optional(Type.String()),
});

const exportFormats: readonly ExportFormat[] = [...hashSetFormats, 'vics-json-1.3'];

export function hashSetRoutes(api: Server, app: App): void {
  const { hashSets } = app.services;
  const tags = ['hash sets'];

  api.get(
    '/hashsets',
    { schema: { tags, summary: 'Hash sets your agency may see', response: { 200: Items(HashSetSchema), ...problemResponses } } },
    async (request) => ({
      items: await hashSets.list(request.actor),
    }),
  );

  api.post(
    '/hashsets',
    {
      schema: {
        tags,
        summary: 'Create a hash set',
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            purpose: OneOf(['known', 'ignorable'] as const),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            visibility: VisibilitySchema,
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: HashSetSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await hashSets.create(request.actor, request.body)),
  );

  api.get(
    '/hashsets/:id',
    { schema: { tags, summary: 'One hash set', params: IdParams, response: { 200: HashSetSchema, ...problemResponses } } },
    (request) => hashSets.get(request.actor, request.params.id),
  );

  api.patch(
    '/hashsets/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe, re-purpose or re-share a hash set (owning agency)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            purpose: Type.Optional(OneOf(['known', 'ignorable'] as const)),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            visibility: Type.Optional(VisibilitySchema),
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: HashSetSchema, ...problemResponses },
      },
    },
    (request) => hashSets.update(request.actor, request.params.id, request.body),
  );

  api.delete(
    '/hashsets/:id',
    {
      schema: { tags, summary: 'Delete a hash set and its entries', params: IdParams, response: { 204: Type.Null(), ...problemResponses } },
    },
    async (request, reply) => {
      await hashSets.delete(request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/hashsets/:id/entries',
    {
      schema: {
        tags,
        summary: 'Entries of a hash set, paged by id',
        params: IdParams,
        querystring: Type.Object(
          { after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Items(EntrySchema), ...problemResponses },
      },
    },
    async (request) => ({
      items: await hashSets.entries(request.actor, request.params.id, request.query.after ?? 0, request.query.limit ?? 100),
    }),
  );

  api.post(
    '/hashsets/:id/import',
    {
      schema: {
        tags,
        summary: 'Import a file of entries (multipart field "file"): ICSE CSV, VICS JSON 1.3/2.0, PDQ, MD5, SHA-1 or SHA-256 list',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: Type.Object(
          { format: Type.Optional(OneOf(hashSetFormats)), skipInvalid: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            format: Type.String(),
            variant: Type.Optional(Type.String()),
            imported: Type.Integer(),
            records: Type.Integer(),
            errors: Type.Array(Issue),
            warnings: Type.Array(Issue),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const file = await request.file();
      if (file === undefined)
        throw new AppError('invalid', 'Send the file as multipart field "file"', { errors: [{ field: 'file', message: 'is required' }] });
      const bytes = await file.toBuffer();
      return hashSets.import(request.actor, request.params.id, bytes, {
        ...(request.query.format !== undefined && { format: request.query.format }),
        skipInvalid: request.query.skipInvalid === true,
      });
    },
  );

  api.get(
    '/hashsets/:id/export',
    {
      schema: {
        tags,
        summary: 'Export a hash set in an exchange format',
        params: IdParams,
        querystring: Type.Object({ format: OneOf(exportFormats) }, { additionalProperties: false }),
        produces: ['text/csv', 'application/json', 'text/plain'],
      },
    },
    async (request, reply) => {
      const result = await hashSets.export(request.actor, request.params.id, request.query.format);
      return reply
        .type(`${result.contentType}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .header('x-vigil-skipped', String(result.skipped.length))
        .send(result.text);
    },
  );
}
