/** /api/v1/cases: case files, owned by an agency and shared by its choice. */
import { Type } from 'typebox';
import type { App } from '../app.js';
import type { Server } from '../platform/http/server.js';
import { DateTime, IdParams, Items, problemResponses, Uuid, VisibilitySchema } from '../platform/http/schemas.js';

export const CaseSchema = Type.Object({
  id: Uuid,
  reference: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  visibility: VisibilitySchema,
  sharedWith: Type.Array(Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export function caseRoutes(api: Server, app: App): void {
  const { cases } = app.services;
  const tags = ['cases'];
  const SharedWith = Type.Array(Uuid, { maxItems: 200 });

  api.get(
    '/cases',
    { schema: { tags, summary: 'Cases visible to your agency', response: { 200: Items(CaseSchema), ...problemResponses } } },
    async (request) => ({
      items: await cases.list(request.actor),
    }),
  );

  api.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case (404 when not visible to your agency)',
        params: IdParams,
        response: { 200: CaseSchema, ...problemResponses },
      },
    },
    (request) => cases.get(request.actor, request.params.id),
  );

  api.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Open a case',
        body: Type.Object(
          {
            title: Type.String({ maxLength: 300 }),
            reference: Type.Optional(Type.String({ maxLength: 100 })),
            summary: Type.Optional(Type.String({ maxLength: 20_000 })),
            visibility: VisibilitySchema,
            sharedWith: Type.Optional(SharedWith),
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await cases.create(request.actor, request.body)),
  );

  api.patch(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'Change a case (owning agency only)',
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ maxLength: 300 })),
            summary: Type.Optional(Type.String({ maxLength: 20_000 })),
            visibility: Type.Optional(VisibilitySchema),
            sharedWith: Type.Optional(SharedWith),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, ...problemResponses },
      },
    },
    (request) => cases.update(request.actor, request.params.id, request.body),
  );
}
