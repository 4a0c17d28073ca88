// Human labels and date formatting shared by the pages.
import { ROLES, type AgencyKind, type AuditOutcome, type Role, type Visibility } from './api';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  analyst: 'Analyst',
  investigator: 'Investigator',
  border_officer: 'Border officer',
  notice_officer: 'Notice officer',
  auditor: 'Auditor',
};

const KIND_LABELS: Record<AgencyKind, string> = {
  police: 'Police',
  national_central_bureau: 'National central bureau',
  hotline: 'Hotline',
  border_agency: 'Border agency',
  other: 'Other',
};

const VISIBILITY_LABELS: Record<Visibility, string> = {
  agency: 'Agency',
  shared: 'Shared',
  network: 'Network',
  public: 'Public',
};

export const VISIBILITY_HINTS: Record<Visibility, string> = {
  agency: 'Only your agency can see it.',
  shared: 'Your agency and the agencies you pick below can see it.',
  network: 'Every member agency of the network can see it.',
  public: 'No access restriction.',
};

const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: 'Success',
  denied: 'Denied',
  failure: 'Failure',
};

function labelFrom<K extends string>(labels: Record<K, string>, key: string): string {
  return key in labels ? labels[key as K] : key;
}

export function roleLabel(role: string): string {
  return labelFrom(ROLE_LABELS, role);
}

export function kindLabel(kind: string): string {
  return labelFrom(KIND_LABELS, kind);
}

export function visibilityLabel(visibility: string): string {
  return labelFrom(VISIBILITY_LABELS, visibility);
}

export function outcomeLabel(outcome: string): string {
  return labelFrom(OUTCOME_LABELS, outcome);
}

/** The roles as options for a CheckboxGroup. */
export const ROLE_OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export function rolesLabel(roles: readonly string[]): string {
  return roles.length === 0 ? 'No roles' : roles.map(roleLabel).join(', ');
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

export function formatDateTime(iso: string, precise = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (precise ? preciseFormat : dateTimeFormat).format(date);
}

export function isInFuture(iso: string | null): boolean {
  return iso !== null && new Date(iso).getTime() > Date.now();
}

/** Converts the value of an <input type="datetime-local"> (local time) to ISO 8601 UTC. */
export function localDateTimeToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Converts the value of an <input type="date"> to the end of that local day, ISO 8601 UTC. */
export function endOfLocalDayIso(value: string): string | undefined {
  return value ? localDateTimeToIso(`${value}T23:59:59`) : undefined;
}
