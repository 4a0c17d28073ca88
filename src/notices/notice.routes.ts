/** /api/v1/notices and /api/v1/campaigns: agencies write, review and publish notices and campaigns. */
import { Type } from 'typebox';
import type { App } from '../app.js';
import { AppError } from '../platform/errors.js';
import type { Server } from '../platform/http/server.js';
import { DateTime, IdParams, Items, Nullable, OneOf, problemResponses, Uuid, VisibilitySchema } from '../platform/http/schemas.js';
import { campaignStatuses } from './campaign.service.js';
import { noticeStatuses, noticeTypes, publicLanguages, sexes } from './notice-model.js';

const Text = (maxLength = 200) => Type.String({ maxLength });
const Country = Type.String({ maxLength: 60, description: 'ISO 3166 alpha-3 (alpha-2 accepted)' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Translations = Type.Object(Object.fromEntries(publicLanguages.map((l) => [l, Type.Optional(Type.String({ maxLength: 2000 }))])), {
  additionalProperties: false,
});

export const NoticeContentSchema = Type.Object(
  {
    title: Type.Optional(Text()),
    familyName: Type.Optional(Text()),
    forename: Type.Optional(Text()),
    originalScriptName: Type.Optional(Text()),
    aliases: Type.Optional(Type.Array(Text(), { maxItems: 50 })),
    sex: Type.Optional(OneOf(sexes)),
    birthDate: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY, YYYY-MM or YYYY-MM-DD' })),
    birthPlace: Type.Optional(Text()),
    birthCountry: Type.Optional(Country),
    nationalities: Type.Optional(Type.Array(Country, { maxItems: 10 })),
    languages: Type.Optional(Type.Array(Type.String({ maxLength: 3 }), { maxItems: 20, description: 'ISO 639 codes' })),
    heightCm: Type.Optional(Type.Number()),
    weightKg: Type.Optional(Type.Number()),
    eyes: Type.Optional(Text()),
    hair: Type.Optional(Text()),
    distinguishingMarks: Type.Optional(Text(2000)),
    arrestWarrants: Type.Optional(
      Type.Array(
        Type.Object(
          { issuingCountry: Country, charge: Text(2000), chargeTranslations: Type.Optional(Translations) },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    disappearance: Type.Optional(
      Type.Object(
        { date: Type.Optional(IsoDate), place: Type.Optional(Text()), country: Type.Optional(Country) },
        { additionalProperties: false },
      ),
    ),
    documents: Type.Optional(
      Type.Array(Type.Object({ number: Text(40), country: Type.Optional(Country) }, { additionalProperties: false }), {
        maxItems: 20,
        description: 'Identity documents: police-only, fed to screening, never public',
      }),
    ),
    description: Type.Optional(Text(20_000)),
  },
  { additionalProperties: false },
);

const NoticeSummarySchema = Type.Object({
  id: Uuid,
  type: OneOf(noticeTypes),
  status: OneOf(noticeStatuses),
  publicNumber: Nullable(Type.String({ description: 'YYYY/NNNNN, given at first publication' })),
  displayName: Type.String(),
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  updatedAt: DateTime,
  publishedAt: Nullable(DateTime),
  expiresOn: Nullable(Type.String()),
  photoCount: Type.Integer(),
});

const PhotoSchema = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  caption: Type.String(),
  public: Type.Boolean(),
  width: Type.Integer(),
  height: Type.Integer(),
});

const actions = ['edit', 'submit', 'return', 'publish', 'cancel', 'withdraw'] as const;

const NoticeSchema = Type.Intersect([
  NoticeSummarySchema,
  Type.Object({
    visibility: VisibilitySchema,
    sharedWith: Type.Array(Uuid),
    content: NoticeContentSchema,
    publicFields: Type.Array(Type.String()),
    photos: Type.Array(PhotoSchema),
    events: Type.Array(
      Type.Object({
        fromStatus: Nullable(OneOf(noticeStatuses)),
        toStatus: OneOf(noticeStatuses),
        reason: Type.String(),
        actorName: Nullable(Type.String()),
        at: DateTime,
      }),
    ),
    allowed: Type.Object(Object.fromEntries(actions.map((a) => [a, Type.Boolean()])), { description: 'What you may do with it now' }),
  }),
]);

const NoticeVisibility = OneOf(
  ['agency', 'shared', 'network'] as const,
  'Who sees the police-only record; the public sees only the extract',
);

const CampaignSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  title: Type.String(),
  body: Type.String(),
  translations: Type.Record(Type.String(), Type.Object({ title: Type.Optional(Type.String()), body: Type.Optional(Type.String()) })),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  status: OneOf(campaignStatuses),
  ownerAgencyId: Uuid,
  ownerAgencyName: Type.String(),
  notices: Type.Array(
    Type.Object({
      id: Uuid,
      publicNumber: Nullable(Type.String()),
      displayName: Type.String(),
      type: OneOf(noticeTypes),
      status: OneOf(noticeStatuses),
    }),
  ),
});

const CampaignBody = {
  slug: Type.String({ maxLength: 80, description: 'The address of the public page: /{lang}/campaigns/{slug}' }),
  title: Type.String({ maxLength: 200 }),
  body: Type.Optional(Type.String({ maxLength: 20_000 })),
  translations: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Object({ title: Type.Optional(Type.String({ maxLength: 200 })), body: Type.Optional(Type.String({ maxLength: 20_000 })) }),
    ),
  ),
  startsOn: Type.Optional(Nullable(IsoDate)),
  endsOn: Type.Optional(Nullable(IsoDate)),
  noticeIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, description: 'Published notices, in order' })),
};

const PhotoParams = Type.Object(
  { id: Type.String({ maxLength: 100 }), photoId: Type.String({ maxLength: 100 }) },
  { additionalProperties: false },
);
const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });

export function noticeRoutes(api: Server, app: App): void {
  const { notices, campaigns } = app.services;
  const tags = ['notices'];

  api.get(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Notices your agency may see; `queue=review` lists submitted notices awaiting a publishing agency',
        querystring: Type.Object(
          {
            status: Type.Optional(OneOf(noticeStatuses)),
            type: Type.Optional(OneOf(noticeTypes)),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            queue: Type.Optional(OneOf(['review'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(NoticeSummarySchema), ...problemResponses },
      },
    },
    async (request) => {
      const { status, type, q, queue } = request.query;
      return {
        items: await notices.list(request.actor, {
          ...(status !== undefined && { status }),
          ...(type !== undefined && { type }),
          ...(q !== undefined && { q }),
          ...(queue === 'review' && { reviewQueue: true }),
        }),
      };
    },
  );

  api.post(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Write a notice (a draft of your agency)',
        body: Type.Object(
          {
            type: OneOf(noticeTypes),
            visibility: NoticeVisibility,
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
            content: NoticeContentSchema,
            publicFields: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30, description: 'The fields of the public extract' }),
            expiresOn: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: { 201: NoticeSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await notices.create(request.actor, request.body)),
  );

  api.get(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'One notice with its photos and history (audited)',
        params: IdParams,
        response: { 200: NoticeSchema, ...problemResponses },
      },
    },
    (request) => notices.get(request.actor, request.params.id),
  );

  api.patch(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft (owning agency)',
        params: IdParams,
        body: Type.Object(
          {
            visibility: Type.Optional(NoticeVisibility),
            sharedWith: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
            content: Type.Optional(NoticeContentSchema),
            publicFields: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 })),
            expiresOn: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: { 200: NoticeSchema, ...problemResponses },
      },
    },
    (request) => notices.update(request.actor, request.params.id, request.body),
  );

  for (const action of ['submit', 'return', 'publish', 'cancel', 'withdraw'] as const) {
    api.post(
      `/notices/:id/${action}`,
      {
        schema: {
          tags,
          summary: {
            submit: 'Send a draft for review by a publishing agency',
            return: 'Return a submitted notice to its authors (publishing agency; reason required)',
            publish: 'Publish a submitted notice (publishing agency; not the officer who submitted it)',
            cancel: 'Cancel a published notice, e.g. after an arrest (owning agency; reason required)',
            withdraw: 'Withdraw a submitted or published notice (owning or publishing agency; reason required)',
          }[action],
          params: IdParams,
          body: ReasonBody,
          response: { 200: NoticeSchema, ...problemResponses },
        },
        // A step without a reason may be posted without a body.
        preValidation: (request, _reply, done) => {
          (request as { body: unknown }).body ??= {};
          done();
        },
      },
      (request) => notices.transition(request.actor, request.params.id, action, request.body.reason ?? ''),
    );
  }

  api.post(
    '/notices/:id/photos',
    {
      schema: {
        tags,
        summary: 'Add a photo (multipart: file, caption, public). It is re-encoded and stripped of metadata.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: PhotoSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      let bytes: Buffer | undefined;
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || bytes !== undefined) {
            await part.toBuffer();
            continue;
          }
          bytes = await part.toBuffer();
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      if (bytes === undefined)
        throw new AppError('invalid', 'Send the photo as multipart field "file"', { errors: [{ field: 'file', message: 'is required' }] });
      const photo = await notices.addPhoto(request.actor, request.params.id, bytes, {
        ...(fields['caption'] !== undefined && { caption: fields['caption'] }),
        public: fields['public'] === 'true',
      });
      return reply.status(201).send(photo);
    },
  );

  api.patch(
    '/notices/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'Change a photo’s caption or whether it is public',
        params: PhotoParams,
        body: Type.Object(
          { caption: Type.Optional(Type.String({ maxLength: 300 })), public: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: PhotoSchema, ...problemResponses },
      },
    },
    (request) => notices.updatePhoto(request.actor, request.params.id, request.params.photoId, request.body),
  );

  api.delete(
    '/notices/:id/photos/:photoId',
    { schema: { tags, summary: 'Remove a photo', params: PhotoParams, response: { 204: Type.Null(), ...problemResponses } } },
    async (request, reply) => {
      await notices.deletePhoto(request.actor, request.params.id, request.params.photoId);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/notices/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A photo of a notice (audited)',
        produces: ['image/jpeg'],
        params: PhotoParams,
        querystring: Type.Object({ variant: Type.Optional(OneOf(['image', 'thumbnail'] as const)) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const photo = await notices.photo(request.actor, request.params.id, request.params.photoId, request.query.variant ?? 'image');
      return reply.type('image/jpeg').header('cache-control', 'private, no-store').send(Buffer.from(photo.bytes));
    },
  );

  const campaignTags = ['campaigns'];

  api.get(
    '/campaigns',
    {
      schema: {
        tags: campaignTags,
        summary: 'Your agency’s campaigns and every published one',
        response: { 200: Items(CampaignSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await campaigns.list(request.actor) }),
  );

  api.post(
    '/campaigns',
    {
      schema: {
        tags: campaignTags,
        summary: 'Create a campaign (a draft) grouping published notices',
        body: Type.Object(CampaignBody, { additionalProperties: false }),
        response: { 201: CampaignSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await campaigns.create(request.actor, request.body)),
  );

  api.get(
    '/campaigns/:id',
    { schema: { tags: campaignTags, summary: 'One campaign', params: IdParams, response: { 200: CampaignSchema, ...problemResponses } } },
    (request) => campaigns.get(request.actor, request.params.id),
  );

  api.patch(
    '/campaigns/:id',
    {
      schema: {
        tags: campaignTags,
        summary: 'Change a campaign (owning agency)',
        params: IdParams,
        body: Type.Partial(Type.Object(CampaignBody, { additionalProperties: false })),
        response: { 200: CampaignSchema, ...problemResponses },
      },
    },
    (request) => campaigns.update(request.actor, request.params.id, request.body),
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['archive', 'archived'],
    ['unpublish', 'draft'],
  ] as const) {
    api.post(
      `/campaigns/:id/${action}`,
      {
        schema: {
          tags: campaignTags,
          summary: `Set the campaign ${status}`,
          params: IdParams,
          response: { 200: CampaignSchema, ...problemResponses },
        },
      },
      (request) => campaigns.setStatus(request.actor, request.params.id, status),
    );
  }
}
