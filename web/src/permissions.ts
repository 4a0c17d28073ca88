// What the console shows to whom. The server enforces every rule; this only hides what would fail.
import type { Case, Role, SessionUser } from './api';

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.roles.includes(role);
}

export function isOperatorAdmin(user: SessionUser): boolean {
  return hasRole(user, 'admin') && user.agency.isOperator;
}

export function canAdminister(user: SessionUser): boolean {
  return hasRole(user, 'admin');
}

export function canAudit(user: SessionUser): boolean {
  return hasRole(user, 'auditor') || isOperatorAdmin(user);
}

export function canReadCases(user: SessionUser): boolean {
  return hasRole(user, 'analyst') || hasRole(user, 'investigator') || hasRole(user, 'admin');
}

export function canChangeCases(user: SessionUser): boolean {
  return hasRole(user, 'analyst') || hasRole(user, 'investigator');
}

export function ownsCase(user: SessionUser, record: Case): boolean {
  return record.ownerAgencyId === user.agency.id;
}
