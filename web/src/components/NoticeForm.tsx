// The notice editor: the police record (type, identity, description, warrants for a red notice,
// the disappearance for a yellow one, identity documents), who may see that record and when the
// notice expires, then — clearly apart — the public extract: a checkbox per field that may be
// published, and a preview of what the public will see. Creates a draft, or changes one.
import { useState, type FormEvent, type ReactNode } from 'react';
import { listAgencies } from '../api';
import { useAction, useLoad } from '../hooks';
import {
  DEFAULT_PUBLIC_FIELDS,
  NOTICE_TYPES,
  PUBLIC_FIELD_NAMES,
  SEXES,
  TRANSLATION_LANGUAGES,
  createNotice,
  extractContent,
  noticePhotoUrl,
  updateNotice,
  type NewNotice,
  type Notice,
  type NoticeContent,
  type NoticeSex,
  type NoticeType,
  type NoticeVisibility,
  type PublicField,
  type TranslationLanguage,
} from '../notices-api';
import { noticeFieldErrors } from '../notices-forms';
import {
  NOTICE_TYPE_HINTS,
  languageLabel,
  noticeFieldLabel,
  noticeSexLabel,
  noticeTypeLabel,
  splitList,
  splitLines,
} from '../notices-format';
import { useSession } from '../session';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from './Field';
import { NoticeContentView } from './NoticeContentView';
import { NoticeTypeBadge } from './NoticeBadges';
import { NoticeVisibilityFields } from './NoticeVisibilityFields';
import { ProblemAlert } from './ProblemAlert';

interface WarrantValues {
  issuingCountry: string;
  charge: string;
  translations: Record<TranslationLanguage, string>;
}

interface DocumentValues {
  number: string;
  country: string;
}

interface Values {
  type: NoticeType;
  title: string;
  familyName: string;
  forename: string;
  originalScriptName: string;
  /** One a line. */
  aliases: string;
  sex: NoticeSex | '';
  birthDate: string;
  birthPlace: string;
  birthCountry: string;
  /** Comma-separated codes. */
  nationalities: string;
  languages: string;
  heightCm: string;
  weightKg: string;
  eyes: string;
  hair: string;
  distinguishingMarks: string;
  warrants: WarrantValues[];
  disappearanceDate: string;
  disappearancePlace: string;
  disappearanceCountry: string;
  documents: DocumentValues[];
  description: string;
  publicFields: PublicField[];
  visibility: NoticeVisibility;
  sharedWith: string[];
  expiresOn: string;
}

const EMPTY_WARRANT: WarrantValues = { issuingCountry: '', charge: '', translations: { fr: '', es: '', ar: '' } };

function valuesFrom(notice: Notice | undefined): Values {
  const content: NoticeContent = notice?.content ?? {};
  const type = notice?.type ?? 'red';
  const known = new Set<string>(PUBLIC_FIELD_NAMES);
  return {
    type,
    title: content.title ?? '',
    familyName: content.familyName ?? '',
    forename: content.forename ?? '',
    originalScriptName: content.originalScriptName ?? '',
    aliases: (content.aliases ?? []).join('\n'),
    sex: content.sex ?? '',
    birthDate: content.birthDate ?? '',
    birthPlace: content.birthPlace ?? '',
    birthCountry: content.birthCountry ?? '',
    nationalities: (content.nationalities ?? []).join(', '),
    languages: (content.languages ?? []).join(', '),
    heightCm: content.heightCm !== undefined ? String(content.heightCm) : '',
    weightKg: content.weightKg !== undefined ? String(content.weightKg) : '',
    eyes: content.eyes ?? '',
    hair: content.hair ?? '',
    distinguishingMarks: content.distinguishingMarks ?? '',
    warrants:
      content.arrestWarrants?.map((warrant) => ({
        issuingCountry: warrant.issuingCountry,
        charge: warrant.charge,
        translations: {
          fr: warrant.chargeTranslations?.fr ?? '',
          es: warrant.chargeTranslations?.es ?? '',
          ar: warrant.chargeTranslations?.ar ?? '',
        },
      })) ?? (notice ? [] : [EMPTY_WARRANT]),
    disappearanceDate: content.disappearance?.date ?? '',
    disappearancePlace: content.disappearance?.place ?? '',
    disappearanceCountry: content.disappearance?.country ?? '',
    documents: content.documents?.map((document) => ({ number: document.number, country: document.country ?? '' })) ?? [],
    description: content.description ?? '',
    publicFields: notice
      ? PUBLIC_FIELD_NAMES.filter((field) => notice.publicFields.includes(field) && known.has(field))
      : [...DEFAULT_PUBLIC_FIELDS],
    visibility: notice?.visibility ?? 'agency',
    sharedWith: notice?.sharedWith ?? [],
    expiresOn: notice?.expiresOn ?? '',
  };
}

function optionalNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The content to send: empty fields left out; warrants only for red notices, the disappearance only for yellow ones. */
function contentOf(values: Values): NoticeContent {
  const content: NoticeContent = {};
  const text = (key: 'title' | 'familyName' | 'forename' | 'originalScriptName' | 'birthDate' | 'birthPlace' | 'eyes' | 'hair') => {
    const value = values[key].trim();
    if (value !== '') content[key] = value;
  };
  text('title');
  text('familyName');
  text('forename');
  text('originalScriptName');
  const aliases = splitLines(values.aliases);
  if (aliases.length > 0) content.aliases = aliases;
  if (values.sex !== '') content.sex = values.sex;
  text('birthDate');
  text('birthPlace');
  if (values.birthCountry.trim() !== '') content.birthCountry = values.birthCountry.trim().toUpperCase();
  const nationalities = splitList(values.nationalities).map((code) => code.toUpperCase());
  if (nationalities.length > 0) content.nationalities = nationalities;
  const languages = splitList(values.languages).map((code) => code.toLowerCase());
  if (languages.length > 0) content.languages = languages;
  const height = optionalNumber(values.heightCm);
  if (height !== undefined) content.heightCm = height;
  const weight = optionalNumber(values.weightKg);
  if (weight !== undefined) content.weightKg = weight;
  text('eyes');
  text('hair');
  if (values.distinguishingMarks.trim() !== '') content.distinguishingMarks = values.distinguishingMarks.trim();
  if (values.type === 'red' && values.warrants.length > 0) {
    content.arrestWarrants = values.warrants.map((warrant) => {
      const translations: Partial<Record<TranslationLanguage, string>> = {};
      for (const language of TRANSLATION_LANGUAGES) {
        const translated = warrant.translations[language].trim();
        if (translated !== '') translations[language] = translated;
      }
      return {
        issuingCountry: warrant.issuingCountry.trim().toUpperCase(),
        charge: warrant.charge.trim(),
        ...(Object.keys(translations).length > 0 && { chargeTranslations: translations }),
      };
    });
  }
  if (values.type === 'yellow') {
    const disappearance = {
      ...(values.disappearanceDate && { date: values.disappearanceDate }),
      ...(values.disappearancePlace.trim() && { place: values.disappearancePlace.trim() }),
      ...(values.disappearanceCountry.trim() && { country: values.disappearanceCountry.trim().toUpperCase() }),
    };
    if (Object.keys(disappearance).length > 0) content.disappearance = disappearance;
  }
  if (values.documents.length > 0) {
    content.documents = values.documents.map((document) => ({
      number: document.number.trim(),
      ...(document.country.trim() && { country: document.country.trim().toUpperCase() }),
    }));
  }
  if (values.description.trim() !== '') content.description = values.description.trim();
  return content;
}

/** Fields whose errors the form shows beside them; others go to the alert at the top. */
const PLACED = ['type', ...PUBLIC_FIELD_NAMES, 'documents', 'publicFields', 'visibility', 'sharedWith', 'expiresOn'] as const;

const TYPE_OPTIONS = NOTICE_TYPES.map((value) => ({ value, label: noticeTypeLabel(value) }));
const SEX_OPTIONS: { value: NoticeSex | ''; label: string }[] = [
  { value: '', label: 'Not given' },
  ...SEXES.map((value) => ({ value, label: noticeSexLabel(value) })),
];
const PUBLIC_FIELD_OPTIONS = PUBLIC_FIELD_NAMES.map((value) => ({ value, label: noticeFieldLabel(value) }));

const COUNTRY_HINT = 'ISO 3166 alpha-3 code, e.g. FRA.';

interface NoticeFormProps {
  /** The draft to change; omitted: a new notice. */
  notice?: Notice;
  onSaved: (notice: Notice) => void;
  onCancel: () => void;
}

export function NoticeForm({ notice, onSaved, onCancel }: NoticeFormProps) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const [values, setValues] = useState<Values>(() => valuesFrom(notice));
  const save = useAction((input: Values) => {
    const content = contentOf(input);
    const sharedWith = input.visibility === 'shared' ? { sharedWith: input.sharedWith } : {};
    if (notice) {
      return updateNotice(notice.id, {
        content,
        publicFields: input.publicFields,
        visibility: input.visibility,
        ...sharedWith,
        expiresOn: input.expiresOn || null,
      });
    }
    const created: NewNotice = {
      type: input.type,
      visibility: input.visibility,
      ...sharedWith,
      content,
      publicFields: input.publicFields,
      ...(input.expiresOn && { expiresOn: input.expiresOn }),
    };
    return createNotice(created);
  });
  const errors = noticeFieldErrors(save.error);

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  function changeType(type: NoticeType) {
    setValues((previous) => ({
      ...previous,
      type,
      warrants: type === 'red' && previous.warrants.length === 0 ? [EMPTY_WARRANT] : previous.warrants,
    }));
  }

  function updateWarrant(index: number, change: Partial<WarrantValues>) {
    setValues((previous) => ({
      ...previous,
      warrants: previous.warrants.map((warrant, i) => (i === index ? { ...warrant, ...change } : warrant)),
    }));
  }

  function updateDocument(index: number, change: Partial<DocumentValues>) {
    setValues((previous) => ({
      ...previous,
      documents: previous.documents.map((document, i) => (i === index ? { ...document, ...change } : document)),
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run(values);
    if (result.ok) onSaved(result.value);
  }

  const isPerson = values.type !== 'object' && values.type !== 'purple';
  const preview = extractContent(contentOf(values), values.publicFields);

  return (
    <form
      className="notice-form"
      onSubmit={submit}
      noValidate
      aria-label={notice ? 'Edit the draft' : 'New notice'}
      data-testid="notice-form"
    >
      <ProblemAlert error={errors.rest(PLACED)} testId="notice-form-error" />

      <Section title="Notice" testId="notice-section-type">
        <SelectField
          label="Type"
          hint={notice ? 'The type of a notice cannot be changed once it is created.' : NOTICE_TYPE_HINTS[values.type]}
          value={values.type}
          options={TYPE_OPTIONS}
          onChange={changeType}
          disabled={notice !== undefined}
          error={errors.at('type')}
          testId="notice-field-type"
        />
        <TextField
          label={isPerson ? 'Title (optional)' : 'Title'}
          hint={
            isPerson
              ? 'For a person, the name is the title; a black notice may have a title instead, e.g. “Woman found near Lyon”.'
              : 'What is asked of the public, in a few words.'
          }
          value={values.title}
          onChange={(value) => update('title', value)}
          error={errors.at('title')}
          testId="notice-field-title"
        />
      </Section>

      <Section title="Identity" hint="Names as in the identity documents, in the Latin alphabet; the original script below.">
        <div className="field-grid">
          <TextField
            label="Family name"
            value={values.familyName}
            onChange={(value) => update('familyName', value)}
            error={errors.at('familyName')}
            autoComplete="off"
            testId="notice-field-family-name"
          />
          <TextField
            label="Forenames"
            value={values.forename}
            onChange={(value) => update('forename', value)}
            error={errors.at('forename')}
            autoComplete="off"
            testId="notice-field-forename"
          />
          <TextField
            label="Name in original script (optional)"
            hint="Cyrillic, Arabic, Chinese…, as written in the person’s own documents."
            value={values.originalScriptName}
            onChange={(value) => update('originalScriptName', value)}
            error={errors.at('originalScriptName')}
            dir="auto"
            autoComplete="off"
            testId="notice-field-original-script"
          />
        </div>
        <TextAreaField
          label="Aliases (optional)"
          hint="One a line."
          value={values.aliases}
          onChange={(value) => update('aliases', value)}
          error={errors.under('aliases')}
          rows={2}
          dir="auto"
          testId="notice-field-aliases"
        />
        <div className="field-grid">
          <SelectField
            label="Sex"
            value={values.sex}
            options={SEX_OPTIONS}
            onChange={(value) => update('sex', value)}
            error={errors.at('sex')}
            testId="notice-field-sex"
          />
          <TextField
            label="Date of birth (optional)"
            hint="YYYY-MM-DD, or YYYY-MM or YYYY when only that is known."
            value={values.birthDate}
            onChange={(value) => update('birthDate', value)}
            error={errors.at('birthDate')}
            inputMode="numeric"
            testId="notice-field-birth-date"
          />
          <TextField
            label="Place of birth (optional)"
            value={values.birthPlace}
            onChange={(value) => update('birthPlace', value)}
            error={errors.at('birthPlace')}
            testId="notice-field-birth-place"
          />
          <TextField
            label="Country of birth (optional)"
            hint={COUNTRY_HINT}
            value={values.birthCountry}
            onChange={(value) => update('birthCountry', value)}
            error={errors.at('birthCountry')}
            className="input-short"
            testId="notice-field-birth-country"
          />
          <TextField
            label="Nationalities (optional)"
            hint="Alpha-3 codes, separated by commas: FRA, DZA."
            value={values.nationalities}
            onChange={(value) => update('nationalities', value)}
            error={errors.under('nationalities')}
            testId="notice-field-nationalities"
          />
          <TextField
            label="Languages spoken (optional)"
            hint="ISO 639 codes, separated by commas: eng, fra, ara."
            value={values.languages}
            onChange={(value) => update('languages', value)}
            error={errors.under('languages')}
            testId="notice-field-languages"
          />
        </div>
      </Section>

      <Section title="Physical description">
        <div className="field-grid">
          <TextField
            label="Height in cm (optional)"
            type="number"
            min={30}
            max={260}
            value={values.heightCm}
            onChange={(value) => update('heightCm', value)}
            error={errors.at('heightCm')}
            testId="notice-field-height"
          />
          <TextField
            label="Weight in kg (optional)"
            type="number"
            min={1}
            max={400}
            value={values.weightKg}
            onChange={(value) => update('weightKg', value)}
            error={errors.at('weightKg')}
            testId="notice-field-weight"
          />
          <TextField
            label="Colour of eyes (optional)"
            value={values.eyes}
            onChange={(value) => update('eyes', value)}
            error={errors.at('eyes')}
            testId="notice-field-eyes"
          />
          <TextField
            label="Colour of hair (optional)"
            value={values.hair}
            onChange={(value) => update('hair', value)}
            error={errors.at('hair')}
            testId="notice-field-hair"
          />
        </div>
        <TextAreaField
          label="Distinguishing marks (optional)"
          hint="Scars, tattoos, birthmarks and where they are."
          value={values.distinguishingMarks}
          onChange={(value) => update('distinguishingMarks', value)}
          error={errors.at('distinguishingMarks')}
          rows={2}
          testId="notice-field-marks"
        />
      </Section>

      {values.type === 'red' ? (
        <Section
          title="Arrest warrants"
          hint="A red notice needs at least one: the issuing country and the charge, with its translations for the public site."
          testId="notice-warrants"
        >
          {errors.at('arrestWarrants') ? (
            <p className="field-error" role="alert">
              {errors.at('arrestWarrants')}
            </p>
          ) : null}
          {values.warrants.map((warrant, index) => (
            <fieldset key={index} className="subform" data-testid="notice-warrant-form">
              <legend>Warrant {index + 1}</legend>
              {errors.at(`arrestWarrants/${index}`) ? <p className="field-error">{errors.at(`arrestWarrants/${index}`)}</p> : null}
              <TextField
                label="Issuing country"
                hint={COUNTRY_HINT}
                value={warrant.issuingCountry}
                onChange={(value) => updateWarrant(index, { issuingCountry: value })}
                error={errors.at(`arrestWarrants/${index}/issuingCountry`)}
                className="input-short"
                testId={`notice-warrant-${index}-country`}
              />
              <TextAreaField
                label="Charge (English)"
                value={warrant.charge}
                onChange={(value) => updateWarrant(index, { charge: value })}
                error={errors.at(`arrestWarrants/${index}/charge`)}
                rows={2}
                testId={`notice-warrant-${index}-charge`}
              />
              <div className="field-grid">
                {TRANSLATION_LANGUAGES.map((language) => (
                  <TextAreaField
                    key={language}
                    label={`Charge in ${languageLabel(language)} (optional)`}
                    value={warrant.translations[language]}
                    onChange={(value) => updateWarrant(index, { translations: { ...warrant.translations, [language]: value } })}
                    error={errors.at(`arrestWarrants/${index}/chargeTranslations/${language}`)}
                    rows={2}
                    lang={language}
                    dir={language === 'ar' ? 'rtl' : 'ltr'}
                    testId={`notice-warrant-${index}-${language}`}
                  />
                ))}
              </div>
              <button
                type="button"
                className="button button-small"
                onClick={() => setValues((previous) => ({ ...previous, warrants: previous.warrants.filter((_, i) => i !== index) }))}
              >
                Remove warrant {index + 1}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => setValues((previous) => ({ ...previous, warrants: [...previous.warrants, EMPTY_WARRANT] }))}
            data-testid="notice-warrant-add"
          >
            Add a warrant
          </button>
        </Section>
      ) : null}

      {values.type === 'yellow' ? (
        <Section title="Disappearance" testId="notice-disappearance">
          <div className="field-grid">
            <TextField
              label="Date (optional)"
              type="date"
              value={values.disappearanceDate}
              onChange={(value) => update('disappearanceDate', value)}
              error={errors.at('disappearance/date')}
              testId="notice-field-disappearance-date"
            />
            <TextField
              label="Place (optional)"
              value={values.disappearancePlace}
              onChange={(value) => update('disappearancePlace', value)}
              error={errors.at('disappearance/place')}
              testId="notice-field-disappearance-place"
            />
            <TextField
              label="Country (optional)"
              hint={COUNTRY_HINT}
              value={values.disappearanceCountry}
              onChange={(value) => update('disappearanceCountry', value)}
              error={errors.at('disappearance/country')}
              className="input-short"
              testId="notice-field-disappearance-country"
            />
          </div>
          {errors.at('disappearance') ? <p className="field-error">{errors.at('disappearance')}</p> : null}
        </Section>
      ) : null}

      <Section
        title="Identity documents"
        hint="Police only: never in the public extract. Red and yellow notices give them to border screening."
        testId="notice-documents"
      >
        {errors.at('documents') ? <p className="field-error">{errors.at('documents')}</p> : null}
        {values.documents.length === 0 ? <p className="muted">No documents.</p> : null}
        {values.documents.map((document, index) => (
          <div key={index} className="field-grid subform-row" role="group" aria-label={`Document ${index + 1}`}>
            <TextField
              label={`Document ${index + 1} number`}
              value={document.number}
              onChange={(value) => updateDocument(index, { number: value })}
              error={errors.at(`documents/${index}/number`) ?? errors.at(`documents/${index}`)}
              autoComplete="off"
              testId={`notice-document-${index}-number`}
            />
            <TextField
              label={`Document ${index + 1} country (optional)`}
              hint={COUNTRY_HINT}
              value={document.country}
              onChange={(value) => updateDocument(index, { country: value })}
              error={errors.at(`documents/${index}/country`)}
              testId={`notice-document-${index}-country`}
            />
            <div className="field subform-remove">
              <button
                type="button"
                className="button button-small"
                onClick={() => setValues((previous) => ({ ...previous, documents: previous.documents.filter((_, i) => i !== index) }))}
              >
                Remove document {index + 1}
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setValues((previous) => ({ ...previous, documents: [...previous.documents, { number: '', country: '' }] }))}
          data-testid="notice-document-add"
        >
          Add a document
        </button>
      </Section>

      <Section title="Description">
        <TextAreaField
          label="Description (optional)"
          hint="The circumstances, and what is asked of the public if this is published."
          value={values.description}
          onChange={(value) => update('description', value)}
          error={errors.at('description')}
          rows={5}
          testId="notice-field-description"
        />
      </Section>

      <Section title="Access to the police record">
        <NoticeVisibilityFields
          label="Who may see the police record"
          visibility={values.visibility}
          sharedWith={values.sharedWith}
          agencies={agencies.data}
          ownAgencyId={user.agency.id}
          errors={{ visibility: errors.at('visibility'), sharedWith: errors.under('sharedWith') }}
          onVisibility={(value) => update('visibility', value)}
          onSharedWith={(selected) => update('sharedWith', selected)}
          testIdPrefix="notice-field"
        />
        <TextField
          label="Expires on (optional)"
          hint="Once published, the notice leaves the public site and the watchlists at the end of this day."
          type="date"
          value={values.expiresOn}
          onChange={(value) => update('expiresOn', value)}
          error={errors.at('expiresOn')}
          className="input-short"
          testId="notice-field-expires-on"
        />
      </Section>

      <fieldset className="public-extract" data-testid="notice-public-extract">
        <legend>Public extract</legend>
        <p className="field-hint">
          Only the fields ticked here are ever shown on the public site and in the public API, once the notice is published. Identity
          documents never are. Photos are public one by one, below.
        </p>
        <div className="side-by-side public-extract-body">
          <CheckboxGroup
            legend="Fields the public will see"
            options={PUBLIC_FIELD_OPTIONS}
            selected={values.publicFields}
            onChange={(selected) => update('publicFields', selected)}
            error={errors.under('publicFields')}
            testId="notice-public-fields"
          />
          <section className="public-preview" aria-labelledby="notice-public-preview-title" data-testid="notice-public-preview">
            <h3 id="notice-public-preview-title">What the public will see</h3>
            <p>
              <NoticeTypeBadge type={values.type} />
            </p>
            <NoticeContentView content={preview} emptyText="No field is chosen for the public extract, or the chosen fields are empty." />
            <PublicPhotos notice={notice} />
          </section>
        </div>
      </fieldset>

      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy} data-testid="notice-save">
          {save.busy ? 'Saving…' : notice ? 'Save the draft' : 'Create the draft'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Section({ title, hint, testId, children }: { title: string; hint?: string; testId?: string; children: ReactNode }) {
  return (
    <fieldset className="form-section" data-testid={testId}>
      <legend>{title}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

function PublicPhotos({ notice }: { notice: Notice | undefined }) {
  const photos = notice?.photos.filter((photo) => photo.public) ?? [];
  if (!notice) return <p className="muted">Photos are added once the draft is created.</p>;
  if (photos.length === 0) return <p className="muted">No public photo.</p>;
  return (
    <ul className="photo-list">
      {photos.map((photo) => (
        <li key={photo.id}>
          <figure className="notice-photo">
            <img src={noticePhotoUrl(notice.id, photo.id)} alt={photo.caption || 'Public photo'} loading="lazy" />
            {photo.caption ? <figcaption>{photo.caption}</figcaption> : null}
          </figure>
        </li>
      ))}
    </ul>
  );
}
