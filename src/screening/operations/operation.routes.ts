/** /api/v1/border-operations: operations, checkpoints, recorded checks, the hit review queue and statistics. */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid, VisibilitySchema } from '../../platform/http/schemas.js';
import { borderTypes, checkOutcomes, hitOutcomes, hitStatuses, operationStatuses } from './operation.repository.js';

export const CheckpointSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  borderType: OneOf(borderTypes),
  place: Type.String(),
  country: Type.String({ description: 'ISO 3166-1 alpha-3' }),
});

export const BorderOperationSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  startsOn: Nullable(Type.String({ format: 'date' })),
  endsOn: Nullable(Type.String({ format: 'date' })),
  status: OneOf(operationStatuses),
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  ownerAgencyCountry: Type.String(),
  visibility: VisibilitySchema,
  sharedWith: Type.Array(Uuid, { description: 'participating agencies (visibility shared)' }),
  participants: Type.Array(Type.Object({ id: Uuid, name: Type.String(), country: Type.String() })),
  checkpoints: Type.Array(CheckpointSchema),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const CheckpointRefSchema = Nullable(
  Type.Object({ id: Uuid, name: Type.String(), borderType: OneOf(borderTypes), country: Type.String() }),
);

const TravellerSchema = Type.Object({
  name: Type.Optional(Type.String()),
  birthDate: Type.Optional(Type.String()),
  nationality: Type.Optional(Type.String()),
  sex: Type.Optional(Type.String()),
  documentNumber: Type.Optional(Type.String()),
  documentCountry: Type.Optional(Type.String()),
  fromMrz: Type.Boolean(),
});

const ProblemItem = Type.Object({ field: Type.String(), message: Type.String() });

export const CheckSchema = Type.Object({
  id: Uuid,
  seq: Type.Integer({ description: 'cursor: pass as `after` for the next page' }),
  checkedAt: DateTime,
  checkpoint: CheckpointRefSchema,
  agencyId: Uuid,
  agencyName: Type.String(),
  traveller: TravellerSchema,
  outcome: OneOf(checkOutcomes),
  hitCount: Type.Integer(),
  documentHitCount: Type.Integer(),
  suppressed: Type.Integer({ description: 'hits not raised again: dismissed before for this traveller in this operation' }),
  problems: Type.Array(ProblemItem),
});

const Text = Nullable(Type.String());

export const HitSchema = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  checkId: Uuid,
  checkedAt: DateTime,
  checkpoint: CheckpointRefSchema,
  agencyId: Uuid,
  agencyName: Type.String(),
  traveller: TravellerSchema,
  kind: OneOf(['person', 'document'] as const),
  listId: Uuid,
  entryId: Uuid,
  score: Type.Number(),
  explanation: Type.Unknown({ description: 'per-feature explanation of a person hit (name pairs, birth date, nationality, …)' }),
  entry: Nullable(
    Type.Object({
      names: Type.Array(Type.String()),
      birthDates: Type.Array(Type.String()),
      nationalities: Type.Array(Type.String()),
      sex: Text,
      reason: Text,
      listName: Text,
      externalId: Text,
      documents: Type.Array(Type.Object({ number: Type.String(), country: Type.Optional(Type.String()) })),
      notes: Text,
    }),
  ),
  document: Nullable(
    Type.Object({ number: Type.String(), country: Text, documentType: Text, status: Text, reportedOn: Text, listName: Text }),
  ),
  status: OneOf(hitStatuses),
  outcome: Nullable(OneOf(hitOutcomes)),
  outcomeNationality: Text,
  note: Text,
  reviewedBy: Text,
  reviewedAt: Nullable(DateTime),
});

const KeyCounts = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));

export const StatisticsSchema = Type.Object({
  operation: Type.Object({
    id: Uuid,
    name: Type.String(),
    status: OneOf(operationStatuses),
    startsOn: Text,
    endsOn: Text,
    ownerAgencyName: Type.String(),
  }),
  checks: Type.Object({
    total: Type.Integer(),
    suppressed: Type.Integer(),
    byOutcome: KeyCounts,
    byBorderType: KeyCounts,
    byCountry: KeyCounts,
    byDay: KeyCounts,
  }),
  hits: Type.Object({
    total: Type.Integer(),
    pending: Type.Integer(),
    confirmed: Type.Integer(),
    dismissed: Type.Integer(),
    byKind: KeyCounts,
    byOutcome: KeyCounts,
  }),
  migrantsByNationality: KeyCounts,
  participatingCountries: Type.Array(Type.String()),
  participatingAgencies: Type.Integer(),
});

const DateOrNull = Type.Optional(Nullable(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })));
const SharedWith = Type.Array(Uuid, { maxItems: 200, description: 'participating agencies (visibility shared)' });
const CheckpointBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    borderType: OneOf(borderTypes),
    place: Type.Optional(Type.String({ maxLength: 200 })),
    country: Type.String({ maxLength: 60, description: 'ISO 3166 alpha-3 (alpha-2 accepted)' }),
  },
  { additionalProperties: false },
);
const CheckpointParams = Type.Object({ id: Type.String({ maxLength: 100 }), checkpointId: Type.String({ maxLength: 100 }) });
const HitParams = Type.Object({ id: Type.String({ maxLength: 100 }), hitId: Type.String({ maxLength: 100 }) });
const Paging = {
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
};
const Page = <T extends Parameters<typeof Items>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), next: Nullable(Type.Integer({ description: 'pass as `after` for the next page' })) });

export function borderOperationRoutes(api: Server, app: App): void {
  const { borderOperations } = app.services;
  const tags = ['border operations'];

  api.get(
    '/border-operations',
    {
      schema: {
        tags,
        summary: 'Border operations your agency coordinates or takes part in',
        response: { 200: Items(BorderOperationSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await borderOperations.list(request.actor) }),
  );

  api.post(
    '/border-operations',
    {
      schema: {
        tags,
        summary: 'Create a border operation (your agency coordinates it; participating agencies are its shares)',
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            startsOn: DateOrNull,
            endsOn: DateOrNull,
            status: Type.Optional(OneOf(operationStatuses)),
            visibility: VisibilitySchema,
            sharedWith: Type.Optional(SharedWith),
            checkpoints: Type.Optional(Type.Array(CheckpointBody, { maxItems: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: BorderOperationSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await borderOperations.create(request.actor, request.body)),
  );

  api.get(
    '/border-operations/:id',
    {
      schema: {
        tags,
        summary: 'One border operation with its checkpoints',
        params: IdParams,
        response: { 200: BorderOperationSchema, ...problemResponses },
      },
    },
    (request) => borderOperations.get(request.actor, request.params.id),
  );

  api.patch(
    '/border-operations/:id',
    {
      schema: {
        tags,
        summary: 'Change a border operation (coordinating agency)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            startsOn: DateOrNull,
            endsOn: DateOrNull,
            status: Type.Optional(OneOf(operationStatuses)),
            visibility: Type.Optional(VisibilitySchema),
            sharedWith: Type.Optional(SharedWith),
          },
          { additionalProperties: false },
        ),
        response: { 200: BorderOperationSchema, ...problemResponses },
      },
    },
    (request) => borderOperations.update(request.actor, request.params.id, request.body),
  );

  api.post(
    '/border-operations/:id/checkpoints',
    {
      schema: {
        tags,
        summary: 'Add a checkpoint (coordinating agency)',
        params: IdParams,
        body: CheckpointBody,
        response: { 201: CheckpointSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await borderOperations.addCheckpoint(request.actor, request.params.id, request.body)),
  );

  api.patch(
    '/border-operations/:id/checkpoints/:checkpointId',
    {
      schema: {
        tags,
        summary: 'Change a checkpoint (coordinating agency)',
        params: CheckpointParams,
        body: Type.Partial(CheckpointBody, { additionalProperties: false }),
        response: { 200: CheckpointSchema, ...problemResponses },
      },
    },
    (request) => borderOperations.updateCheckpoint(request.actor, request.params.id, request.params.checkpointId, request.body),
  );

  api.delete(
    '/border-operations/:id/checkpoints/:checkpointId',
    {
      schema: {
        tags,
        summary: 'Remove a checkpoint where no check was recorded (coordinating agency)',
        params: CheckpointParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await borderOperations.deleteCheckpoint(request.actor, request.params.id, request.params.checkpointId);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/border-operations/:id/checks',
    {
      schema: {
        tags,
        summary: 'Checks recorded in the operation, oldest first (coordinator: all; participants: their own); audited',
        params: IdParams,
        querystring: Type.Object({ ...Paging, outcome: Type.Optional(OneOf(checkOutcomes)) }, { additionalProperties: false }),
        response: { 200: Page(CheckSchema), ...problemResponses },
      },
    },
    (request) => borderOperations.listChecks(request.actor, request.params.id, request.query),
  );

  api.get(
    '/border-operations/:id/hits',
    {
      schema: {
        tags,
        summary: 'The review queue: hits with the traveller and the watchlist record side by side; audited',
        params: IdParams,
        querystring: Type.Object({ ...Paging, status: Type.Optional(OneOf(hitStatuses)) }, { additionalProperties: false }),
        response: { 200: Page(HitSchema), ...problemResponses },
      },
    },
    (request) => borderOperations.listHits(request.actor, request.params.id, request.query),
  );

  api.post(
    '/border-operations/:id/hits/:hitId/review',
    {
      schema: {
        tags,
        summary: 'Confirm a hit with its outcome, or dismiss it (remembered: not raised again for this traveller); audited',
        params: HitParams,
        body: Type.Object(
          {
            decision: OneOf(['confirm', 'dismiss'] as const),
            outcome: Type.Optional(OneOf(hitOutcomes)),
            outcomeNationality: Type.Optional(
              Type.String({ maxLength: 60, description: 'ISO 3166 alpha-3; required for migrant_identified' }),
            ),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: HitSchema, ...problemResponses },
      },
    },
    (request) => borderOperations.review(request.actor, request.params.id, request.params.hitId, request.body),
  );

  api.get(
    '/border-operations/:id/statistics',
    {
      schema: {
        tags,
        summary: 'Statistics of the operation; with ?format=csv|json, a file to save',
        params: IdParams,
        querystring: Type.Object({ format: Type.Optional(OneOf(['csv', 'json'] as const)) }, { additionalProperties: false }),
        produces: ['application/json', 'text/csv'],
        response: { 200: Type.Union([StatisticsSchema, Type.String({ description: 'the CSV or JSON file' })]), ...problemResponses },
      },
    },
    async (request, reply) => {
      if (request.query.format === undefined) return borderOperations.statistics(request.actor, request.params.id);
      const file = await borderOperations.exportStatistics(request.actor, request.params.id, request.query.format);
      return reply
        .type(`${file.contentType}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.text);
    },
  );

  api.get(
    '/border-operations/:id/statistics.csv',
    { schema: { tags, summary: 'Statistics of the operation as CSV (section, key, value)', params: IdParams, produces: ['text/csv'] } },
    async (request, reply) => {
      const file = await borderOperations.exportStatistics(request.actor, request.params.id, 'csv');
      return reply
        .type(`${file.contentType}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.text);
    },
  );
}
