/** /api/v1/watchlists: watchlists of persons and travel documents, their entries and import (multipart file). */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid, VisibilitySchema } from '../../platform/http/schemas.js';
import { AppError } from '../../platform/errors.js';
import { documentStatuses, documentTypes } from '../documents-format.js';
import { watchlistKinds } from './watchlist.repository.js';
import { watchlistImportFormats } from './watchlist.service.js';

export const WatchlistSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: OneOf(watchlistKinds),
  source: Type.String(),
  description: Type.String(),
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  visibility: VisibilitySchema,
  sharedWith: Type.Array(Uuid),
  entryCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const Reason = OneOf(['wanted', 'missing', 'victim', 'other'] as const);
const Sex = OneOf(['F', 'M', 'X'] as const);

export const WatchlistPersonSchema = Type.Object({
  id: Uuid,
  externalId: Type.String(),
  names: Type.Array(Type.String()),
  weakNames: Type.Array(Type.String()),
  birthDates: Type.Array(Type.String(), { description: 'YYYY, YYYY-MM, YYYY-MM-DD or from..to' }),
  nationalities: Type.Array(Type.String()),
  sex: Nullable(Sex),
  documents: Type.Array(Type.Object({ number: Type.String(), country: Type.Optional(Type.String()) })),
  reason: Nullable(Reason),
  topics: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  sourceNoticeId: Nullable(Uuid),
});

export const TravelDocumentSchema = Type.Object({
  id: Uuid,
  externalId: Type.String(),
  number: Type.String(),
  country: Nullable(Type.String()),
  documentType: OneOf(documentTypes),
  status: OneOf(documentStatuses),
  reportedOn: Nullable(Type.String({ description: 'YYYY-MM-DD' })),
});

const LineError = Type.Object({ line: Type.Integer(), message: Type.String() });

export function watchlistRoutes(api: Server, app: App): void {
  const { watchlists } = app.services;
  const tags = ['watchlists'];

  api.get(
    '/watchlists',
    { schema: { tags, summary: 'Watchlists your agency may see', response: { 200: Items(WatchlistSchema), ...problemResponses } } },
    async (request) => ({ items: await watchlists.list(request.actor) }),
  );

  api.post(
    '/watchlists',
    {
      schema: {
        tags,
        summary: 'Create a watchlist of persons or of travel documents',
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            kind: OneOf(watchlistKinds),
            source: Type.Optional(Type.String({ maxLength: 500 })),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            visibility: VisibilitySchema,
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: WatchlistSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await watchlists.create(request.actor, request.body)),
  );

  api.get(
    '/watchlists/:id',
    { schema: { tags, summary: 'One watchlist', params: IdParams, response: { 200: WatchlistSchema, ...problemResponses } } },
    (request) => watchlists.get(request.actor, request.params.id),
  );

  api.patch(
    '/watchlists/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe or re-share a watchlist (owning agency)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            source: Type.Optional(Type.String({ maxLength: 500 })),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            visibility: Type.Optional(VisibilitySchema),
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: WatchlistSchema, ...problemResponses },
      },
    },
    (request) => watchlists.update(request.actor, request.params.id, request.body),
  );

  api.delete(
    '/watchlists/:id',
    {
      schema: {
        tags,
        summary: 'Delete a watchlist and its entries',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await watchlists.delete(request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/watchlists/:id/entries',
    {
      schema: {
        tags,
        summary: 'Entries of a watchlist (persons or travel documents), paged by id; every read is audited',
        params: IdParams,
        querystring: Type.Object(
          { after: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Items(Type.Union([WatchlistPersonSchema, TravelDocumentSchema])), ...problemResponses },
      },
    },
    async (request) => {
      const page = await watchlists.entries(request.actor, request.params.id, {
        ...(request.query.after !== undefined && { after: request.query.after }),
        ...(request.query.limit !== undefined && { limit: request.query.limit }),
      });
      return { items: page.items };
    },
  );

  api.post(
    '/watchlists/:id/import',
    {
      schema: {
        tags,
        summary:
          'Import entries (multipart field "file"): FollowTheMoney Person JSON lines or persons CSV into a persons list, documents CSV into a documents list. ' +
          'With any bad record nothing is imported (imported 0, the errors listed) unless skipInvalid; entries are replaced by external id.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: Type.Object(
          { format: Type.Optional(OneOf(watchlistImportFormats)), skipInvalid: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            format: OneOf(watchlistImportFormats),
            imported: Type.Integer(),
            created: Type.Integer(),
            updated: Type.Integer(),
            records: Type.Integer(),
            errors: Type.Array(LineError),
            skipped: Type.Integer(),
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
      return watchlists.import(request.actor, request.params.id, bytes, {
        ...(request.query.format !== undefined && { format: request.query.format }),
        skipInvalid: request.query.skipInvalid === true,
      });
    },
  );
}
