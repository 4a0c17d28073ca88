// A notice's content as a definition list: the whole police record on the notice page, or only the
// public extract in the editor's preview. Every value is rendered as text.
import type { ArrestWarrant, NoticeContent } from '../notices-api';
import { TRANSLATION_LANGUAGES } from '../notices-api';
import { languageLabel, noticeFieldLabel, noticeSexLabel } from '../notices-format';

/** The order fields are shown in, as on INTERPOL's notice pages. */
const ORDER = [
  'title',
  'familyName',
  'forename',
  'originalScriptName',
  'aliases',
  'sex',
  'birthDate',
  'birthPlace',
  'birthCountry',
  'nationalities',
  'languages',
  'heightCm',
  'weightKg',
  'eyes',
  'hair',
  'distinguishingMarks',
  'arrestWarrants',
  'disappearance',
  'documents',
  'description',
] as const satisfies readonly (keyof NoticeContent)[];

type ContentField = (typeof ORDER)[number];

function Warrants({ warrants }: { warrants: readonly ArrestWarrant[] }) {
  return (
    <ol className="plain-list">
      {warrants.map((warrant, index) => (
        <li key={index} data-testid="notice-warrant">
          <strong>{warrant.issuingCountry}</strong>: <span className="prose">{warrant.charge}</span>
          {TRANSLATION_LANGUAGES.some((language) => warrant.chargeTranslations?.[language]) ? (
            <ul className="translations">
              {TRANSLATION_LANGUAGES.map((language) => {
                const text = warrant.chargeTranslations?.[language];
                return text ? (
                  <li key={language}>
                    <span className="muted">{languageLabel(language)}:</span>{' '}
                    <span lang={language} dir={language === 'ar' ? 'rtl' : undefined}>
                      {text}
                    </span>
                  </li>
                ) : null;
              })}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function value(content: Partial<NoticeContent>, field: ContentField) {
  switch (field) {
    case 'aliases':
    case 'nationalities':
    case 'languages':
      return content[field]?.join(', ');
    case 'sex':
      return content.sex ? noticeSexLabel(content.sex) : undefined;
    case 'heightCm':
      return content.heightCm !== undefined ? `${content.heightCm} cm` : undefined;
    case 'weightKg':
      return content.weightKg !== undefined ? `${content.weightKg} kg` : undefined;
    case 'arrestWarrants':
      return content.arrestWarrants && content.arrestWarrants.length > 0 ? <Warrants warrants={content.arrestWarrants} /> : undefined;
    case 'disappearance': {
      const d = content.disappearance;
      if (!d) return undefined;
      return [d.date, d.place, d.country].filter(Boolean).join(', ');
    }
    case 'documents':
      return content.documents?.map((document) => `${document.number}${document.country ? ` (${document.country})` : ''}`).join(', ');
    case 'description':
    case 'distinguishingMarks':
      return content[field] ? <span className="prose">{content[field]}</span> : undefined;
    case 'title':
    case 'familyName':
    case 'forename':
    case 'originalScriptName':
    case 'birthDate':
    case 'birthPlace':
    case 'birthCountry':
    case 'eyes':
    case 'hair':
      return content[field];
  }
}

interface NoticeContentViewProps {
  content: Partial<NoticeContent>;
  /** Fields chosen for the public extract, marked as such; omitted: no marks. */
  publicFields?: readonly string[];
  emptyText?: string;
  testId?: string;
}

export function NoticeContentView({ content, publicFields, emptyText = 'Nothing filled in yet.', testId }: NoticeContentViewProps) {
  const rows = ORDER.map((field) => ({ field, shown: value(content, field) })).filter(({ shown }) => shown !== undefined && shown !== '');
  if (rows.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <dl className="details" data-testid={testId}>
      {rows.map(({ field, shown }) => (
        <div key={field} className="details-row" data-field={field}>
          <dt>
            {noticeFieldLabel(field)}
            {publicFields?.includes(field) ? (
              <span className="public-mark" title="In the public extract">
                {' '}
                (public)
              </span>
            ) : null}
          </dt>
          <dd>{shown}</dd>
        </div>
      ))}
    </dl>
  );
}
