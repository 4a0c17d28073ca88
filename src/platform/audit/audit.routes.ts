/** /api/v1/audit: search, export (CSV, JSON Lines) and verification of the audit chain. */
import { Readable } from 'node:stream';
import { Type, type Static, type TObject } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../http/server.js';
import { DateTime, Nullable, OneOf, problemResponses } from '../http/schemas.js';
import type { AuditFilter } from './audit.repository.js';

export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  agencyId: Nullable(Type.String()),
  action: Type.String(),
  recordType: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  recordAgencyId: Nullable(Type.String()),
  outcome: Type.String(),
  reason: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  details: Type.Unknown(),
  hash: Type.String(),
});

const filterProperties = {
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  recordType: Type.Optional(Type.String({ maxLength: 100 })),
  recordId: Type.Optional(Type.String({ maxLength: 100 })),
  outcome: Type.Optional(OneOf(['success', 'denied', 'failure'])),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
};
type FilterQuery = Static<TObject<typeof filterProperties>>;

function toFilter(query: FilterQuery): AuditFilter {
  const { from, to, ...rest } = query;
  return { ...rest, ...(from !== undefined && { from: new Date(from) }), ...(to !== undefined && { to: new Date(to) }) };
}

export function auditRoutes(api: Server, app: App): void {
  const { audit } = app.services;
  const tags = ['audit'];

  api.get(
    '/audit/events',
    {
      schema: {
        tags,
        summary: 'Search the audit log, newest first (auditors)',
        querystring: Type.Object(
          { ...filterProperties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(AuditEventSchema), nextBefore: Nullable(Type.Integer()) }), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      const items = await audit.search(request.actor, toFilter(filter), limit ?? 100);
      await audit.record(request.actor, { action: 'audit.search', outcome: 'success', details: { filter, returned: items.length } });
      return { items, nextBefore: items.length === (limit ?? 100) ? (items.at(-1)?.seq ?? null) : null };
    },
  );

  api.get(
    '/audit/export',
    {
      schema: {
        tags,
        summary: 'Export matching audit entries as CSV or JSON Lines (auditors)',
        querystring: Type.Object({ ...filterProperties, format: OneOf(['csv', 'jsonl']) }, { additionalProperties: false }),
        produces: ['text/csv', 'application/x-ndjson'],
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const lines = audit.export(request.actor, toFilter(filter), format);
      // Pull the first line now, so that a refusal still becomes a problem document.
      const first = await lines.next();
      await audit.record(request.actor, { action: 'audit.export', outcome: 'success', details: { format, filter } });
      const stream = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* lines;
        })(),
      );
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="vigil-audit-${stamp}.${format}"`)
        .send(stream);
    },
  );

  api.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Verify the whole hash chain; names the first broken entry',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            headSeq: Type.Integer(),
            firstBroken: Nullable(Type.Object({ seq: Type.Integer(), problem: Type.String() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      audit.assertMayVerify(request.actor);
      const result = await audit.verify();
      await audit.record(request.actor, {
        action: 'audit.verify',
        outcome: result.ok ? 'success' : 'failure',
        details: { checked: result.checked, firstBroken: result.firstBroken },
      });
      return result;
    },
  );
}
