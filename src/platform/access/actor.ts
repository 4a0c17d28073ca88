/**
 * Who is acting: a signed-in user, an API token, the local operator at the CLI (`system`), or
 * nobody. Every service call takes an Actor; the audit trail records it.
 */
import { AppError, forbidden } from '../errors.js';
import type { Role } from './roles.js';

export interface Actor {
  readonly type: 'user' | 'token' | 'system' | 'anonymous';
  /** User id, token id, or null for system and anonymous. */
  readonly id: string | null;
  readonly name: string | null;
  readonly agencyId: string | null;
  /** The operator agency runs the network: its admins create agencies, its auditors see all. */
  readonly agencyIsOperator: boolean;
  readonly roles: readonly Role[];
  readonly ip: string | null;
  readonly requestId: string | null;
}

/** An actor that belongs to an agency (a user or a token). */
export type MemberActor = Actor & { readonly type: 'user' | 'token'; readonly id: string; readonly agencyId: string };

/** The local operator running CLI commands with direct access to the database. */
export function systemActor(name = 'cli'): Actor {
  return { type: 'system', id: null, name, agencyId: null, agencyIsOperator: true, roles: [], ip: null, requestId: null };
}

export function anonymousActor(ip: string | null = null, requestId: string | null = null): Actor {
  return { type: 'anonymous', id: null, name: null, agencyId: null, agencyIsOperator: false, roles: [], ip, requestId };
}

export function isMember(actor: Actor): actor is MemberActor {
  return (actor.type === 'user' || actor.type === 'token') && actor.id !== null && actor.agencyId !== null;
}

export function requireMember(actor: Actor): MemberActor {
  if (!isMember(actor)) throw new AppError('unauthenticated', 'Sign in first');
  return actor;
}

export function hasAnyRole(actor: Actor, wanted: readonly Role[]): boolean {
  return actor.type === 'system' || actor.roles.some((role) => wanted.includes(role));
}

/** Throws `forbidden` unless the actor holds one of the roles (the system actor always may). */
export function requireRole(actor: Actor, wanted: readonly Role[]): void {
  if (actor.type !== 'system') requireMember(actor);
  if (!hasAnyRole(actor, wanted)) throw forbidden(`This needs one of the roles: ${wanted.join(', ')}`);
}
