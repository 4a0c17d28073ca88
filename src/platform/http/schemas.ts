/** Schemas shared by the routes: they validate requests and shape the OpenAPI document. */
import { Type, type TSchema } from 'typebox';
import { agencyKinds, roles, visibilities } from '../access/roles.js';

export const Uuid = Type.String({ format: 'uuid' });
/** An ISO 8601 timestamp; responses may hand in a Date, which the serializer writes as ISO. */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
/** A string restricted to one of `values`, typed as their union. */
export const OneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description !== undefined && { description }) });
export const RoleSchema = OneOf(roles);
export const VisibilitySchema = OneOf(
  visibilities,
  'agency: owner only; shared: owner and named agencies; network: every member; public: everyone',
);
export const AgencyKindSchema = OneOf(agencyKinds);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) }, { additionalProperties: false });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'application/problem+json' },
);

/** The error responses every authenticated route can give. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
} as const;

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
