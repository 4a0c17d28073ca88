/** /api/v1/persons: persons of interest, owned by an agency and shared by its choice, with their linked dark web accounts. */
import { Type } from 'typebox';
import type { App } from '../app.js';
import type { Server } from '../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid } from '../platform/http/schemas.js';
import { personVisibilities } from './person.service.js';

const PersonVisibilitySchema = OneOf(personVisibilities, 'agency: owner only; shared: owner and named agencies; network: every member');

const personProperties = {
  id: Uuid,
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  visibility: PersonVisibilitySchema,
  sharedWith: Type.Array(Uuid),
  caseId: Nullable(Uuid),
  name: Type.String(),
  aliases: Type.Array(Type.String()),
  birthDate: Nullable(Type.String({ description: 'ISO date, YYYY-MM-DD' })),
  nationality: Nullable(Type.String({ description: 'ISO 3166-1 alpha-3' })),
  notes: Type.String(),
  createdBy: Nullable(Uuid),
  createdAt: DateTime,
  updatedAt: DateTime,
};

export const PersonSchema = Type.Object(personProperties);

export const LinkedAccountSchema = Type.Object({
  id: Uuid,
  siteId: Uuid,
  siteName: Type.String(),
  kind: Type.String(),
  value: Type.String(),
  basis: Nullable(Type.String()),
  linkedAt: DateTime,
});

export const PersonDetailSchema = Type.Object({
  ...personProperties,
  accounts: Type.Array(LinkedAccountSchema, { description: 'Linked dark web accounts on sites your agency may see' }),
});

export function personRoutes(api: Server, app: App): void {
  const { persons } = app.services;
  const tags = ['persons'];
  // Loose on purpose: the service names each bad field (`nationality`, `birthDate`) in the problem document.
  const fields = {
    name: Type.String({ maxLength: 1000 }),
    aliases: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 500 }),
    birthDate: Nullable(Type.String({ maxLength: 100, description: 'YYYY-MM-DD' })),
    nationality: Nullable(Type.String({ maxLength: 100, description: 'ISO 3166-1 alpha-3, such as NLD' })),
    notes: Type.String({ maxLength: 20_000 }),
    caseId: Nullable(Type.String({ maxLength: 100 })),
    visibility: Type.String({ maxLength: 50, description: personVisibilities.join(', ') }),
    sharedWith: Type.Array(Uuid, { maxItems: 200 }),
  };

  api.get(
    '/persons',
    {
      schema: {
        tags,
        summary: 'Persons visible to your agency, the most recently changed first (audited)',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200, description: 'part of the name or of an alias' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(PersonSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await persons.list(request.actor, request.query) }),
  );

  api.get(
    '/persons/:id',
    {
      schema: {
        tags,
        summary: 'One person with the linked accounts you may see (audited; 404 when not visible to your agency)',
        params: IdParams,
        response: { 200: PersonDetailSchema, ...problemResponses },
      },
    },
    (request) => persons.get(request.actor, request.params.id),
  );

  api.post(
    '/persons',
    {
      schema: {
        tags,
        summary: 'Record a person of interest',
        body: Type.Object(
          {
            name: fields.name,
            aliases: Type.Optional(fields.aliases),
            birthDate: Type.Optional(fields.birthDate),
            nationality: Type.Optional(fields.nationality),
            notes: Type.Optional(fields.notes),
            caseId: Type.Optional(fields.caseId),
            visibility: Type.Optional(fields.visibility),
            sharedWith: Type.Optional(fields.sharedWith),
          },
          { additionalProperties: false },
        ),
        response: { 201: PersonDetailSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await persons.create(request.actor, request.body)),
  );

  api.patch(
    '/persons/:id',
    {
      schema: {
        tags,
        summary: 'Change a person (owning agency only)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(fields.name),
            aliases: Type.Optional(fields.aliases),
            birthDate: Type.Optional(fields.birthDate),
            nationality: Type.Optional(fields.nationality),
            notes: Type.Optional(fields.notes),
            caseId: Type.Optional(fields.caseId),
            visibility: Type.Optional(fields.visibility),
            sharedWith: Type.Optional(fields.sharedWith),
          },
          { additionalProperties: false },
        ),
        response: { 200: PersonDetailSchema, ...problemResponses },
      },
    },
    (request) => persons.update(request.actor, request.params.id, request.body),
  );
}
