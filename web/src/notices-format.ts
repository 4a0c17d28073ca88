// Human labels of the notices area: types (with INTERPOL's colours), statuses, content fields,
// tip statuses and the public languages.
import type {
  CampaignStatus,
  NoticeAction,
  NoticeSex,
  NoticeStatus,
  NoticeType,
  PublicField,
  PublicLanguage,
  TipMessageKind,
  TipStatus,
} from './notices-api';

function labelFrom<K extends string>(labels: Record<K, string>, key: string): string {
  return key in labels ? labels[key as K] : key;
}

const TYPE_LABELS: Record<NoticeType, string> = {
  red: 'Red notice',
  yellow: 'Yellow notice',
  blue: 'Blue notice',
  black: 'Black notice',
  green: 'Green notice',
  orange: 'Orange notice',
  purple: 'Purple notice',
  object: 'Object appeal',
};

/** What each type is for, as INTERPOL words it. */
export const NOTICE_TYPE_HINTS: Record<NoticeType, string> = {
  red: 'Wanted for prosecution or to serve a sentence.',
  yellow: 'A missing person, often a minor, or someone who cannot identify themselves.',
  blue: 'More information wanted about a person’s identity, location or activities.',
  black: 'An unidentified body.',
  green: 'A warning about a person’s criminal activities.',
  orange: 'An event, person, object or process that is a serious and imminent threat.',
  purple: 'A modus operandi, object, device or concealment method used by criminals.',
  object: 'A sanitised crop of an object or place: “do you recognise this?”.',
};

/** The swatch colour of each type (INTERPOL's; object appeals, which INTERPOL has not, in grey). Never shown without the type's name. */
export const NOTICE_TYPE_COLOURS: Record<NoticeType, string> = {
  red: '#d0202e',
  yellow: '#f5c400',
  blue: '#1769c2',
  black: '#111111',
  green: '#1f8f3a',
  orange: '#f07f13',
  purple: '#7540a8',
  object: '#7a828e',
};

export function noticeTypeLabel(type: string): string {
  return labelFrom(TYPE_LABELS, type);
}

const STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for review',
  published: 'Published',
  cancelled: 'Cancelled',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

export const NOTICE_STATUS_HINTS: Record<NoticeStatus, string> = {
  draft: 'Being written; only the owning agency sees it.',
  submitted: 'Waiting for a notice officer of a publishing agency to review and publish it.',
  published: 'The public extract is on the public site; red and yellow notices are on the screening watchlists.',
  cancelled: 'No longer valid (e.g. the person was found or arrested); off the public site.',
  withdrawn: 'Taken back by the owning agency; off the public site.',
  expired: 'Past its expiry date; off the public site.',
};

export function noticeStatusLabel(status: string): string {
  return labelFrom(STATUS_LABELS, status);
}

const ACTION_LABELS: Record<NoticeAction, string> = {
  submit: 'Submit for review',
  return: 'Return to the author',
  publish: 'Publish',
  cancel: 'Cancel the notice',
  withdraw: 'Withdraw',
};

export const NOTICE_ACTION_HINTS: Record<NoticeAction, string> = {
  submit: 'A notice officer of a publishing agency, other than you, reviews it and publishes it.',
  return: 'Sends it back as a draft, with what needs changing.',
  publish: 'Puts the public extract and the public photos on the public site at once.',
  cancel: 'Takes it off the public site and the watchlists: it is no longer valid.',
  withdraw: 'Takes it back: off the public site and the watchlists.',
};

export function noticeActionLabel(action: NoticeAction): string {
  return ACTION_LABELS[action];
}

const FIELD_LABELS: Record<PublicField | 'documents', string> = {
  title: 'Title',
  familyName: 'Family name',
  forename: 'Forenames',
  originalScriptName: 'Name in original script',
  aliases: 'Aliases',
  sex: 'Sex',
  birthDate: 'Date of birth',
  birthPlace: 'Place of birth',
  birthCountry: 'Country of birth',
  nationalities: 'Nationalities',
  languages: 'Languages spoken',
  heightCm: 'Height',
  weightKg: 'Weight',
  eyes: 'Colour of eyes',
  hair: 'Colour of hair',
  distinguishingMarks: 'Distinguishing marks',
  arrestWarrants: 'Arrest warrants',
  disappearance: 'Disappearance',
  documents: 'Identity documents',
  description: 'Description',
};

export function noticeFieldLabel(field: string): string {
  return labelFrom(FIELD_LABELS, field);
}

const SEX_LABELS: Record<NoticeSex, string> = { F: 'Female', M: 'Male', U: 'Unknown' };

export function noticeSexLabel(sex: string): string {
  return labelFrom(SEX_LABELS, sex);
}

const LANGUAGE_LABELS: Record<PublicLanguage, string> = { en: 'English', fr: 'French', es: 'Spanish', ar: 'Arabic' };

export function languageLabel(language: string): string {
  return labelFrom(LANGUAGE_LABELS, language);
}

const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { draft: 'Draft', published: 'Published', archived: 'Archived' };

export function campaignStatusLabel(status: string): string {
  return labelFrom(CAMPAIGN_STATUS_LABELS, status);
}

const TIP_STATUS_LABELS: Record<TipStatus, string> = {
  new: 'New',
  useful: 'Useful',
  not_useful: 'Not useful',
  passed_on: 'Passed on',
};

export const TIP_STATUS_HINTS: Record<TipStatus, string> = {
  new: 'Not triaged yet.',
  useful: 'Worth following up.',
  not_useful: 'Nothing to follow up.',
  passed_on: 'Handed to the investigators or another agency.',
};

export function tipStatusLabel(status: string): string {
  return labelFrom(TIP_STATUS_LABELS, status);
}

const MESSAGE_KIND_LABELS: Record<TipMessageKind, string> = {
  note: 'Internal note',
  reply: 'Reply to the sender',
  sender: 'From the sender',
};

export function tipMessageKindLabel(kind: string): string {
  return labelFrom(MESSAGE_KIND_LABELS, kind);
}

/** "YYYY/NNNNN", or a dash for a notice not published yet. */
export function publicNumberText(publicNumber: string | null): string {
  return publicNumber ?? '—';
}

/** A list typed as "a, b; c" or one a line, as a clean array. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** One entry a line (aliases may hold commas: "SMITH, John"). */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
