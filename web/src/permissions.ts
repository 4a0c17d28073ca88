// What the console shows to whom. The server enforces every rule; this only hides what would fail.
import type { Case, HashSet, Role, SessionUser } from './api';

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

/** Seized media, ingests and hash sets are read by analysts and investigators. */
export function canReadMedia(user: SessionUser): boolean {
  return hasRole(user, 'analyst') || hasRole(user, 'investigator');
}

export function canUploadMedia(user: SessionUser): boolean {
  return hasRole(user, 'analyst') || hasRole(user, 'investigator');
}

/** Only victim-identification analysts may see media unblurred (and each time is audited). */
export function canRevealMedia(user: SessionUser): boolean {
  return hasRole(user, 'analyst');
}

/** Creating hash sets, importing into them and deleting them: analysts. */
export function canChangeHashSets(user: SessionUser): boolean {
  return hasRole(user, 'analyst');
}

export function ownsHashSet(user: SessionUser, set: HashSet): boolean {
  return set.ownerAgencyId === user.agency.id;
}
