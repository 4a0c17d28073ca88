// Human labels and date formatting shared by the pages.
import {
  ROLES,
  type AgencyKind,
  type AuditOutcome,
  type Case,
  type ExportFormat,
  type HashSetPurpose,
  type IngestJob,
  type IngestStatus,
  type Role,
  type Triage,
  type Visibility,
} from './api';

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

// Media

const TRIAGE_LABELS: Record<Triage, string> = {
  known: 'Known',
  ignorable: 'Ignorable',
  new: 'New',
  error: 'Error',
};

const TRIAGE_HINTS: Record<Triage, string> = {
  known: 'Matches a known hash set.',
  ignorable: 'Matches an ignorable set (system files, stock images).',
  new: 'Matches no set: needs review.',
  error: 'Could not be read or hashed.',
};

const PURPOSE_LABELS: Record<HashSetPurpose, string> = {
  known: 'Known',
  ignorable: 'Ignorable',
};

export const PURPOSE_HINTS: Record<HashSetPurpose, string> = {
  known: 'Material already known to the network: matching media are triaged as known.',
  ignorable: 'Files that need no review (system files, stock images): matching media are triaged as ignorable.',
};

const STATUS_LABELS: Record<IngestStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

const FORMAT_LABELS: Record<ExportFormat, string> = {
  'icse-csv': 'ICSE CSV',
  'vics-json': 'VICS JSON 2.0',
  'vics-json-1.3': 'VICS JSON 1.3',
  'pdq-list': 'PDQ list',
  'md5-list': 'MD5 list',
  'sha1-list': 'SHA-1 list',
  'sha256-list': 'SHA-256 list',
};

const HASH_LABELS: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', pdq: 'PDQ' };

/** The dihedral variants of a PDQ match, in the order the server numbers them. */
const VARIANT_LABELS = [
  'as it is',
  'rotated 90°',
  'rotated 180°',
  'rotated 270°',
  'flipped X',
  'flipped Y',
  'flipped on the +1 diagonal',
  'flipped on the −1 diagonal',
];

export function triageLabel(triage: string): string {
  return labelFrom(TRIAGE_LABELS, triage);
}

export function triageHint(triage: string): string | undefined {
  return triage in TRIAGE_HINTS ? TRIAGE_HINTS[triage as Triage] : undefined;
}

export function purposeLabel(purpose: string): string {
  return labelFrom(PURPOSE_LABELS, purpose);
}

export function ingestStatusLabel(status: string): string {
  return labelFrom(STATUS_LABELS, status);
}

export function formatLabel(format: string): string {
  return labelFrom(FORMAT_LABELS, format);
}

export function hashLabel(kind: string): string {
  return HASH_LABELS[kind] ?? kind;
}

export function variantLabel(variant: number | undefined): string | undefined {
  return variant === undefined || variant === 0 ? undefined : (VARIANT_LABELS[variant] ?? `variant ${variant}`);
}

/** 1536 → "1.5 KB", 361182 → "353 KB" (binary units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDimensions(width: number | null, height: number | null): string | undefined {
  return width !== null && height !== null ? `${width} × ${height}` : undefined;
}

/** Yes / No / Unknown for the tri-state flags of hash-set entries. */
export function flagLabel(value: boolean | null | undefined): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  return 'Unknown';
}

/** "52.370216, 4.895168": coordinates as text, never a map. */
export function formatCoordinates(latitude: number, longitude: number): string {
  return `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`;
}

/** "NLD-2026-0001 · Demo: …", or the title alone when the case has no reference. */
export function caseLabel(record: Case): string {
  return record.reference ? `${record.reference} · ${record.title}` : record.title;
}

/** The case's reference (or title) from a list of cases, or undefined when it is not in the list. */
export function caseName(caseId: string | null, cases: readonly Case[] | undefined): string | undefined {
  const record = caseId === null ? undefined : cases?.find((candidate) => candidate.id === caseId);
  return record ? record.reference || record.title : undefined;
}

/** "29 Nov 2026, 08:54 · NLD-2026-0001 · 3 items", to pick an ingest from a list. */
export function ingestLabel(job: IngestJob, cases: readonly Case[] | undefined): string {
  const parts = [formatDateTime(job.createdAt)];
  const name = caseName(job.caseId, cases);
  if (name) parts.push(name);
  parts.push(`${job.totalItems} ${job.totalItems === 1 ? 'item' : 'items'}`);
  return parts.join(' · ');
}

/**
 * Where an ingest read its files. Console uploads are read from a temporary directory on the
 * server whose name means nothing to the user, so they are called "Upload".
 */
export function ingestSourceLabel(job: IngestJob): string {
  return /vigil-upload-[0-9a-f-]{36}$/.test(job.source) ? 'Upload' : job.source;
}
