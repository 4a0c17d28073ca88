/** /api/v1/tokens: API tokens for machine clients, for admins. */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../http/server.js';
import { DateTime, IdParams, Items, Nullable, problemResponses, RoleSchema, Uuid } from '../http/schemas.js';

export const ApiTokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  agencyId: Uuid,
  roles: Type.Array(RoleSchema),
  prefix: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Uuid),
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
});

export function tokenRoutes(api: Server, app: App): void {
  const { tokens } = app.services;
  const tokenTags = ['tokens'];
  api.get(
    '/tokens',
    { schema: { tags: tokenTags, summary: 'API tokens of your agency', response: { 200: Items(ApiTokenSchema), ...problemResponses } } },
    async (request) => ({
      items: await tokens.list(request.actor),
    }),
  );

  api.post(
    '/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Create an API token; the secret is shown once',
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
            expiresAt: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: ApiTokenSchema, secret: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const created = await tokens.create(request.actor, { ...rest, ...(expiresAt !== undefined && { expiresAt: new Date(expiresAt) }) });
      return reply.status(201).send(created);
    },
  );

  api.delete(
    '/tokens/:id',
    { schema: { tags: tokenTags, summary: 'Revoke a token', params: IdParams, response: { 200: ApiTokenSchema, ...problemResponses } } },
    (request) => tokens.revoke(request.actor, request.params.id),
  );
}
