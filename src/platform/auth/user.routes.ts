/** /api/v1/users: user accounts, for admins. */
import { Type } from 'typebox';
import type { App } from '../../app.js';
import type { Server } from '../http/server.js';
import { DateTime, IdParams, Items, Nullable, problemResponses, RoleSchema, Uuid } from '../http/schemas.js';

export const UserSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Uuid,
  roles: Type.Array(RoleSchema),
  totpEnabled: Type.Boolean(),
  disabled: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(DateTime),
  createdAt: DateTime,
});

const OneTimePassword = Type.String({ description: 'Shown once; the user must change it at first sign-in' });

export function userRoutes(api: Server, app: App): void {
  const { users } = app.services;
  const tags = ['users'];

  api.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Users of your agency (operator admins: any agency)',
        querystring: Type.Object({ agencyId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Items(UserSchema), ...problemResponses },
      },
    },
    async (request) => ({ items: await users.list(request.actor, request.query.agencyId) }),
  );

  api.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user; answers with a one-time password',
        body: Type.Object(
          {
            username: Type.String({ maxLength: 64 }),
            displayName: Type.String({ maxLength: 200 }),
            agencyId: Type.Optional(Uuid),
            roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ user: UserSchema, oneTimePassword: OneTimePassword }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await users.create(request.actor, request.body);
      return reply.status(201).send({ user: created.user, oneTimePassword: created.oneTimePassword ?? '' });
    },
  );

  api.get(
    '/users/:id',
    { schema: { tags, summary: 'One user', params: IdParams, response: { 200: UserSchema, ...problemResponses } } },
    (request) => users.get(request.actor, request.params.id),
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change display name, roles, or disable',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ maxLength: 200 })),
            roles: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: UserSchema, ...problemResponses },
      },
    },
    (request) => users.update(request.actor, request.params.id, request.body),
  );

  api.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: "Issue a new one-time password and end the user's sessions",
        params: IdParams,
        response: { 200: Type.Object({ oneTimePassword: OneTimePassword }), ...problemResponses },
      },
    },
    (request) => users.resetPassword(request.actor, request.params.id),
  );

  api.post(
    '/users/:id/unlock',
    { schema: { tags, summary: 'Lift a lockout', params: IdParams, response: { 200: UserSchema, ...problemResponses } } },
    (request) => users.unlock(request.actor, request.params.id),
  );
}
