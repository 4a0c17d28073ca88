/** /api/v1/tips: the tip queue of the agency that owns the notices (every read audited). */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid } from '../../platform/http/schemas.js';
import { publicLanguages } from '../notice-model.js';
import { tipStatuses } from './tip.repository.js';

const TipSummarySchema = Type.Object({
  id: Uuid,
  reference: Type.String(),
  noticeId: Uuid,
  noticePublicNumber: Nullable(Type.String()),
  noticeDisplayName: Type.String(),
  status: OneOf(tipStatuses),
  createdAt: DateTime,
  excerpt: Type.String(),
  photoCount: Type.Integer(),
  hasContact: Type.Boolean(),
  ownerAgencyId: Uuid,
});

const TipSchema = Type.Intersect([
  TipSummarySchema,
  Type.Object({
    body: Type.String(),
    language: OneOf(publicLanguages),
    contactName: Nullable(Type.String()),
    contactEmail: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    visibility: OneOf(['agency', 'shared', 'network', 'public'] as const),
    sharedWith: Type.Array(Uuid),
    photos: Type.Array(Type.Object({ id: Uuid, width: Type.Integer(), height: Type.Integer() })),
    messages: Type.Array(
      Type.Object({
        id: Uuid,
        kind: OneOf(['note', 'reply', 'sender'] as const, 'note: internal; reply: to the sender; sender: a follow-up from the sender'),
        body: Type.String(),
        authorName: Nullable(Type.String()),
        at: DateTime,
      }),
    ),
  }),
]);

const MessageBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false });

export function tipRoutes(api: Server, app: App): void {
  const { tips } = app.services;
  const tags = ['tips'];

  api.get(
    '/tips',
    {
      schema: {
        tags,
        summary: 'Tips from the public about your agency’s notices, and tips shared with it (newest first)',
        querystring: Type.Object(
          { status: Type.Optional(OneOf(tipStatuses)), noticeId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: Items(TipSummarySchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await tips.list(request.actor, request.query) }),
  );

  api.get(
    '/tips/:id',
    {
      schema: {
        tags,
        summary: 'One tip with its notes and messages (audited)',
        params: IdParams,
        response: { 200: TipSchema, ...problemResponses },
      },
    },
    (request) => tips.get(request.actor, request.params.id),
  );

  api.patch(
    '/tips/:id',
    {
      schema: {
        tags,
        summary: 'Triage a tip or share it with other agencies (owning agency)',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(OneOf(tipStatuses)),
            visibility: Type.Optional(OneOf(['agency', 'shared'] as const)),
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TipSchema, ...problemResponses },
      },
    },
    (request) => tips.update(request.actor, request.params.id, request.body),
  );

  api.post(
    '/tips/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note (never shown to the sender)',
        params: IdParams,
        body: MessageBody,
        response: { 201: TipSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await tips.addNote(request.actor, request.params.id, request.body.body)),
  );

  api.post(
    '/tips/:id/replies',
    {
      schema: {
        tags,
        summary: 'Reply to the sender (read with the reference and secret on the public site)',
        params: IdParams,
        body: MessageBody,
        response: { 201: TipSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await tips.reply(request.actor, request.params.id, request.body.body)),
  );

  api.get(
    '/tips/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A photo sent with a tip, re-encoded (audited)',
        produces: ['image/jpeg'],
        params: Type.Object(
          { id: Type.String({ maxLength: 100 }), photoId: Type.String({ maxLength: 100 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const photo = await tips.photo(request.actor, request.params.id, request.params.photoId);
      return reply.type('image/jpeg').header('cache-control', 'private, no-store').send(Buffer.from(photo.bytes));
    },
  );
}
