/** /api/v1/screen (travellers against the watchlists the caller may see) and /api/v1/mrz (read a machine-readable zone). */
import { Type } from 'typebox';
import type { App } from '../app.js';
import type { Server } from '../platform/http/server.js';
import { Nullable, OneOf, problemResponses, Uuid } from '../platform/http/schemas.js';
import { invalid } from '../platform/errors.js';
import { documentStatuses, documentTypes } from './documents-format.js';
import type { PersonExplanation } from './person-match.js';
import { maxTravellersPerRequest } from './screening.service.js';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const TravellerSchema = Type.Object(
  {
    id: Text(200),
    name: Text(500),
    birthDate: Text(20),
    nationality: Text(60),
    sex: Text(10),
    documentNumber: Text(60),
    documentCountry: Text(60),
    mrz: Text(300),
  },
  { additionalProperties: false, description: 'Any subset with a name, an MRZ or a document number' },
);

const Sex = OneOf(['F', 'M', 'X'] as const);
const Qualifier = Type.Object({ effect: Type.Number(), detail: Type.String() }, { additionalProperties: true });
/** Typed as the matcher's own (readonly) explanation; the schema documents it and keeps fields added later. */
const Explanation = Type.Unsafe<PersonExplanation>(
  Type.Object(
    {
      name: Type.Object(
        {
          score: Type.Number(),
          detail: Type.String(),
          pairs: Type.Array(
            Type.Object(
              { query: Type.String(), candidate: Type.String(), score: Type.Number(), how: Type.String() },
              { additionalProperties: true },
            ),
          ),
        },
        { additionalProperties: true },
      ),
      birthDate: Type.Optional(Qualifier),
      nationality: Type.Optional(Qualifier),
      sex: Type.Optional(Qualifier),
      document: Type.Optional(Qualifier),
    },
    { additionalProperties: true },
  ),
);

export const ScreeningResultSchema = Type.Object({
  id: Type.Optional(Type.String()),
  traveller: Type.Object({
    name: Type.Optional(Type.String()),
    birthDate: Type.Optional(Type.String()),
    nationality: Type.Optional(Type.String()),
    sex: Type.Optional(Sex),
    documentNumber: Type.Optional(Type.String()),
    documentCountry: Type.Optional(Type.String()),
    fromMrz: Type.Boolean(),
  }),
  screened: Type.Boolean({ description: 'false when the traveller had nothing to screen (no name, no document)' }),
  problems: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  hits: Type.Array(
    Type.Object({
      entryId: Uuid,
      listId: Uuid,
      score: Type.Number(),
      match: Type.Boolean(),
      explanation: Explanation,
      hitId: Type.Optional(Uuid),
      entry: Type.Object({
        names: Type.Array(Type.String()),
        birthDates: Type.Array(Type.String()),
        nationalities: Type.Array(Type.String()),
        sex: Nullable(Sex),
        documents: Type.Array(Type.Object({ number: Type.String(), country: Type.Optional(Type.String()) })),
        reason: Nullable(OneOf(['wanted', 'missing', 'victim', 'other'] as const)),
        listId: Uuid,
        listName: Type.String(),
      }),
    }),
  ),
  documentHits: Type.Array(
    Type.Object({
      documentId: Uuid,
      listId: Uuid,
      listName: Type.String(),
      number: Type.String(),
      country: Type.Optional(Type.String()),
      documentType: OneOf(documentTypes),
      status: OneOf(documentStatuses),
      reportedOn: Type.Optional(Type.String()),
      hitId: Type.Optional(Uuid),
    }),
  ),
  checkId: Type.Optional(Uuid),
  suppressed: Type.Integer({ description: 'hits not raised again: dismissed before for this traveller in this operation' }),
});

const MrzCountry = Type.Object({ code: Type.String(), kind: Type.String() });
const MrzDate = Type.Object({
  raw: Type.String(),
  iso: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  month: Nullable(Type.Integer()),
  day: Nullable(Type.Integer()),
  century: Nullable(Type.Integer()),
});
export const MrzSchema = Type.Object({
  format: OneOf(['TD1', 'TD2', 'TD3'] as const),
  documentCode: Type.String(),
  documentType: OneOf(['passport', 'id_card', 'visa', 'other'] as const),
  issuingState: MrzCountry,
  nationality: MrzCountry,
  primaryIdentifier: Type.String(),
  secondaryIdentifiers: Type.Array(Type.String()),
  nameTruncated: Type.Boolean(),
  documentNumber: Type.String(),
  birthDate: MrzDate,
  expiryDate: MrzDate,
  expired: Nullable(Type.Boolean()),
  sex: Nullable(Sex),
  optionalData: Type.String(),
  optionalData2: Nullable(Type.String()),
  personalNumber: Nullable(Type.String()),
  raw: Type.Array(Type.String()),
});

export function screeningRoutes(api: Server, app: App): void {
  const { screening } = app.services;
  const tags = ['screening'];

  api.post(
    '/screen',
    {
      schema: {
        tags,
        summary: `Screen one traveller or up to ${maxTravellersPerRequest} against the watchlists your agency may see; with an operation, the checks are recorded there`,
        body: Type.Object(
          {
            traveller: Type.Optional(TravellerSchema),
            travellers: Type.Optional(Type.Array(TravellerSchema, { maxItems: maxTravellersPerRequest })),
            threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
            minScore: Type.Optional(
              Type.Number({
                exclusiveMinimum: 0,
                maximum: 1,
                description: 'also return near misses from this score (default: the threshold)',
              }),
            ),
            operationId: Type.Optional(Uuid),
            checkpointId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ results: Type.Array(ScreeningResultSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const { traveller, travellers, ...rest } = request.body;
      if ((traveller === undefined) === (travellers === undefined))
        throw invalid('Give either traveller or travellers', [{ field: 'traveller', message: 'give either traveller or travellers' }]);
      return screening.screen(request.actor, { travellers: travellers ?? [traveller!], ...rest });
    },
  );

  api.post(
    '/mrz',
    {
      schema: {
        tags,
        summary: 'Read a machine-readable zone (TD1, TD2, TD3) with every check digit verified; a bad one answers 400 naming the field',
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 400 }) }, { additionalProperties: false }),
        response: { 200: MrzSchema, ...problemResponses },
      },
    },
    (request) => screening.parseMrz(request.actor, request.body.text),
  );
}
