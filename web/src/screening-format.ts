// Human labels for the Screening area: verdicts, hit outcomes, border types, explanation features.
import type { BorderType, HitOutcome, HitStatus, OperationStatus, Verdict, WatchlistFormat, WatchlistKind } from './screening-api';

function labelFrom<K extends string>(labels: Record<K, string>, key: string): string {
  return key in labels ? labels[key as K] : key;
}

const VERDICT_LABELS: Record<Verdict, string> = {
  clear: 'Clear',
  hit: 'Hit',
  'document-hit': 'Document hit',
  'not-screened': 'Not screened',
};

export const VERDICT_HINTS: Record<Verdict, string> = {
  clear: 'No watchlist person or reported document matches this traveller.',
  hit: 'The traveller matches a watchlist person. Hold the traveller and follow the hit below.',
  'document-hit': 'The travel document is reported stolen, lost or revoked. Retain the document and follow the hit below.',
  'not-screened': 'Nothing could be screened: give a name, an MRZ or a document number.',
};

export function verdictLabel(verdict: string): string {
  return labelFrom(VERDICT_LABELS, verdict);
}

const OUTCOME_LABELS: Record<HitOutcome, string> = {
  arrest: 'Arrest',
  victim_identified: 'Victim identified',
  missing_person_found: 'Missing person found',
  migrant_identified: 'Migrant identified',
  document_seized: 'Document seized',
  other: 'Other',
};

export function hitOutcomeLabel(outcome: string): string {
  return labelFrom(OUTCOME_LABELS, outcome);
}

const HIT_STATUS_LABELS: Record<HitStatus, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
};

export function hitStatusLabel(status: string): string {
  return labelFrom(HIT_STATUS_LABELS, status);
}

const BORDER_TYPE_LABELS: Record<BorderType, string> = {
  air: 'Air',
  land: 'Land',
  sea: 'Sea',
};

export function borderTypeLabel(type: string): string {
  return labelFrom(BORDER_TYPE_LABELS, type);
}

const OPERATION_STATUS_LABELS: Record<OperationStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  closed: 'Closed',
};

export function operationStatusLabel(status: string): string {
  return labelFrom(OPERATION_STATUS_LABELS, status);
}

const KIND_LABELS: Record<WatchlistKind, string> = {
  persons: 'Persons',
  documents: 'Travel documents',
};

export function watchlistKindLabel(kind: string): string {
  return labelFrom(KIND_LABELS, kind);
}

export const WATCHLIST_KIND_HINTS: Record<WatchlistKind, string> = {
  persons: 'Wanted, missing or vulnerable persons: names, aliases, birth dates, nationalities, documents.',
  documents: 'Travel documents reported stolen, lost or revoked: number, issuing country, type, status.',
};

const FORMAT_LABELS: Record<WatchlistFormat, string> = {
  'ftm-jsonl': 'FollowTheMoney Person JSON lines',
  'persons-csv': 'Persons CSV',
  'documents-csv': 'Travel documents CSV',
};

export function watchlistFormatLabel(format: string): string {
  return labelFrom(FORMAT_LABELS, format);
}

const REASON_LABELS: Record<string, string> = {
  wanted: 'Wanted',
  missing: 'Missing',
  victim: 'Victim',
  other: 'Other',
};

export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return '—';
  return REASON_LABELS[reason] ?? reason;
}

const DOCUMENT_STATUS_LABELS: Record<string, string> = { stolen: 'Stolen', lost: 'Lost', revoked: 'Revoked' };
const DOCUMENT_TYPE_LABELS: Record<string, string> = { passport: 'Passport', id_card: 'ID card', visa: 'Visa', other: 'Other' };

export function documentStatusLabel(status: string | null | undefined): string {
  if (!status) return '—';
  return DOCUMENT_STATUS_LABELS[status] ?? status;
}

export function documentTypeLabel(type: string | null | undefined): string {
  if (!type) return '—';
  return DOCUMENT_TYPE_LABELS[type] ?? type;
}

const SEX_LABELS: Record<string, string> = { F: 'Female', M: 'Male', X: 'Unspecified' };

export function sexLabel(sex: string | null | undefined): string {
  if (!sex) return '—';
  return SEX_LABELS[sex] ?? sex;
}

/** The explanation's features in display order. */
export const FEATURES = [
  ['birthDate', 'Birth date'],
  ['nationality', 'Nationality'],
  ['sex', 'Sex'],
  ['document', 'Document'],
] as const;

const PAIR_LABELS: Record<string, string> = {
  exact: 'exact',
  typo: 'typo',
  phonetic: 'sounds alike',
  initial: 'initial',
  particle: 'particle',
};

export function pairLabel(how: string): string {
  return PAIR_LABELS[how] ?? how;
}

/** 0.9312 → "0.93". */
export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' ? score.toFixed(2) : '—';
}

/** +0.05 / −0.25 / 0: how a qualifier moved the score. */
export function formatEffect(effect: number): string {
  if (effect === 0) return '±0';
  const text = Math.abs(effect).toFixed(2);
  return effect > 0 ? `+${text}` : `−${text}`;
}

/** The MRZ and traveller fields the server names in problems, as the form calls them. */
const FIELD_LABELS: Record<string, string> = {
  mrz: 'MRZ',
  text: 'MRZ',
  format: 'MRZ format',
  line1: 'MRZ line 1',
  line2: 'MRZ line 2',
  line3: 'MRZ line 3',
  documentCode: 'Document code',
  issuingState: 'Issuing state',
  name: 'Name',
  documentNumber: 'Document number',
  documentCountry: 'Document country',
  nationality: 'Nationality',
  birthDate: 'Birth date',
  sex: 'Sex',
  expiryDate: 'Expiry date',
  personalNumber: 'Personal number',
  composite: 'Composite check digit',
  traveller: 'Traveller',
};

/** "mrz.birthDate" → "MRZ birth date"; "birthDate" → "Birth date". */
export function problemFieldLabel(field: string): string {
  const parts = field.split(/[./]/).filter(Boolean);
  if (parts.length === 0) return 'Traveller';
  if (parts.length > 1 && (parts[0] === 'mrz' || parts[0] === 'traveller')) {
    const inner = parts.slice(1).join('.');
    const label = FIELD_LABELS[inner] ?? inner;
    return parts[0] === 'mrz' && !label.startsWith('MRZ') ? `MRZ ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
  }
  return FIELD_LABELS[parts.join('.')] ?? field;
}
