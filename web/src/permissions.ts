// What the console shows to whom. The server enforces every rule; this only hides what would fail.
import type { Case, HashSet, Role, SessionUser } from './api';
import type { Site } from './darkweb-api';
import type { Person } from './persons-api';

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

/** The Screening area (checks, watchlists, operations): border and notice officers, investigators, analysts, administrators. */
const SCREENING_ROLES: readonly Role[] = ['border_officer', 'notice_officer', 'investigator', 'analyst', 'admin'];

export function canScreen(user: SessionUser): boolean {
  return SCREENING_ROLES.some((role) => hasRole(user, role));
}

/** Creating watchlists and importing into them: border officers, notice officers, administrators. */
export function canChangeWatchlists(user: SessionUser): boolean {
  return hasRole(user, 'border_officer') || hasRole(user, 'notice_officer') || hasRole(user, 'admin');
}

/** Creating border operations, adding checkpoints and reviewing hits: border officers and administrators. */
export function canChangeOperations(user: SessionUser): boolean {
  return hasRole(user, 'border_officer') || hasRole(user, 'admin');
}

/** The Notices area (notices, the review queue, campaigns): every role that works cases, borders or notices. */
const NOTICE_READ_ROLES: readonly Role[] = ['notice_officer', 'investigator', 'analyst', 'border_officer', 'admin'];

export function canReadNotices(user: SessionUser): boolean {
  return NOTICE_READ_ROLES.some((role) => hasRole(user, role));
}

/** Writing notices and campaigns, and the lifecycle steps (the `allowed` flags of a notice say which): notice officers. */
export function canWriteNotices(user: SessionUser): boolean {
  return hasRole(user, 'notice_officer');
}

/** The tip queue of the agency: notice officers, investigators and administrators. */
export function canReadTips(user: SessionUser): boolean {
  return hasRole(user, 'notice_officer') || hasRole(user, 'investigator') || hasRole(user, 'admin');
}

/** Triage, sharing, notes and replies on a tip the agency owns: notice officers and investigators. */
export function canChangeTips(user: SessionUser): boolean {
  return hasRole(user, 'notice_officer') || hasRole(user, 'investigator');
}

/** The operator and national central bureaus review and publish notices (the server decides each step). */
export function isPublishingAgency(user: SessionUser): boolean {
  return user.agency.isOperator || user.agency.kind === 'national_central_bureau';
}

/** The Dark web area (sites, visits, captured pages and media, accounts, alerts): investigators, analysts, administrators. */
export function canReadDarkweb(user: SessionUser): boolean {
  return hasRole(user, 'investigator') || hasRole(user, 'analyst') || hasRole(user, 'admin');
}

/** Watching sites, crawling, sessions, keeping media and watching accounts: investigators and administrators (of the owning agency, ownsSite). */
export function canChangeDarkweb(user: SessionUser): boolean {
  return hasRole(user, 'investigator') || hasRole(user, 'admin');
}

export function ownsSite(user: SessionUser, site: Pick<Site, 'ownerAgencyId'>): boolean {
  return site.ownerAgencyId === user.agency.id;
}

/** Persons of interest: read by investigators, analysts and administrators (as dark web sites). */
export function canReadPersons(user: SessionUser): boolean {
  return hasRole(user, 'investigator') || hasRole(user, 'analyst') || hasRole(user, 'admin');
}

/** Recording and changing persons: investigators and administrators (of the owning agency, ownsPerson). */
export function canChangePersons(user: SessionUser): boolean {
  return hasRole(user, 'investigator') || hasRole(user, 'admin');
}

export function ownsPerson(user: SessionUser, person: Pick<Person, 'ownerAgencyId'>): boolean {
  return person.ownerAgencyId === user.agency.id;
}
