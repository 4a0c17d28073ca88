/** /api/v1/agencies: the member agencies of the network. */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../http/server.js';
import { AgencyKindSchema, DateTime, IdParams, Items, problemResponses, Uuid } from '../http/schemas.js';

export const AgencySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  country: Type.String({ description: 'ISO 3166-1 alpha-3' }),
  kind: AgencyKindSchema,
  isOperator: Type.Boolean(),
  createdAt: DateTime,
});

export function agencyRoutes(api: Server, app: App): void {
  const { agencies } = app.services;
  const tags = ['agencies'];

  api.get(
    '/agencies',
    { schema: { tags, summary: 'Every member agency', response: { 200: Items(AgencySchema), ...problemResponses } } },
    async (request) => ({
      items: await agencies.list(request.actor),
    }),
  );

  api.get(
    '/agencies/:id',
    { schema: { tags, summary: 'One agency', params: IdParams, response: { 200: AgencySchema, ...problemResponses } } },
    (request) => agencies.get(request.actor, request.params.id),
  );

  api.post(
    '/agencies',
    {
      schema: {
        tags,
        summary: 'Add an agency to the network (operator admins)',
        body: Type.Object(
          { name: Type.String({ maxLength: 200 }), country: Type.String({ maxLength: 3 }), kind: Type.String({ maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: { 201: AgencySchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await agencies.create(request.actor, request.body)),
  );
}
