// A campaign: the public page that groups published notices (e.g. “wanted for crimes against
// women”): slug, title and text in English with French, Spanish and Arabic translations (Arabic
// written right to left), the dates it runs, and the notices it shows, in order.
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../forms';
import { useAction, useLoad } from '../hooks';
import {
  TRANSLATION_LANGUAGES,
  createCampaign,
  listNotices,
  updateCampaign,
  type Campaign,
  type CampaignInput,
  type CampaignTranslation,
  type TranslationLanguage,
} from '../notices-api';
import { languageLabel, noticeTypeLabel, publicNumberText } from '../notices-format';
import { CheckboxGroup, TextAreaField, TextField } from './Field';
import { ProblemAlert } from './ProblemAlert';

interface Values {
  slug: string;
  title: string;
  body: string;
  translations: Record<TranslationLanguage, { title: string; body: string }>;
  startsOn: string;
  endsOn: string;
  noticeIds: string[];
}

function valuesFrom(campaign: Campaign | undefined): Values {
  const translation = (language: TranslationLanguage) => ({
    title: campaign?.translations[language]?.title ?? '',
    body: campaign?.translations[language]?.body ?? '',
  });
  return {
    slug: campaign?.slug ?? '',
    title: campaign?.title ?? '',
    body: campaign?.body ?? '',
    translations: { fr: translation('fr'), es: translation('es'), ar: translation('ar') },
    startsOn: campaign?.startsOn ?? '',
    endsOn: campaign?.endsOn ?? '',
    noticeIds: campaign?.notices.map((notice) => notice.id) ?? [],
  };
}

function inputOf(values: Values): CampaignInput {
  const translations: Partial<Record<TranslationLanguage, CampaignTranslation>> = {};
  for (const language of TRANSLATION_LANGUAGES) {
    const { title, body } = values.translations[language];
    if (title.trim() || body.trim()) {
      translations[language] = { ...(title.trim() && { title: title.trim() }), ...(body.trim() && { body: body.trim() }) };
    }
  }
  return {
    slug: values.slug.trim(),
    title: values.title.trim(),
    body: values.body.trim(),
    translations,
    ...(values.startsOn && { startsOn: values.startsOn }),
    ...(values.endsOn && { endsOn: values.endsOn }),
    noticeIds: values.noticeIds,
  };
}

const FIELDS = ['slug', 'title', 'body', 'translations', 'startsOn', 'endsOn', 'noticeIds'];

interface CampaignFormProps {
  campaign?: Campaign;
  onSaved: (campaign: Campaign) => void;
  onCancel: () => void;
}

export function CampaignForm({ campaign, onSaved, onCancel }: CampaignFormProps) {
  const [values, setValues] = useState<Values>(() => valuesFrom(campaign));
  const published = useLoad((signal) => listNotices({ status: 'published' }, signal), []);
  const save = useAction((input: CampaignInput) => (campaign ? updateCampaign(campaign.id, input) : createCampaign(input)));
  const errors = fieldErrors(save.error);

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  function updateTranslation(language: TranslationLanguage, change: Partial<{ title: string; body: string }>) {
    setValues((previous) => ({
      ...previous,
      translations: { ...previous.translations, [language]: { ...previous.translations[language], ...change } },
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run(inputOf(values));
    if (result.ok) onSaved(result.value);
  }

  // Published notices, and those already in the campaign (they may no longer be published).
  const options = (published.data ?? []).map((notice) => ({
    value: notice.id,
    label: `${notice.displayName || 'Untitled'} · ${noticeTypeLabel(notice.type)} · ${publicNumberText(notice.publicNumber)}`,
  }));
  for (const notice of campaign?.notices ?? []) {
    if (!options.some((option) => option.value === notice.id)) {
      options.push({
        value: notice.id,
        label: `${notice.displayName || 'Untitled'} · ${noticeTypeLabel(notice.type)} · no longer published`,
      });
    }
  }

  return (
    <form
      className="panel panel-wide"
      onSubmit={submit}
      noValidate
      aria-label={campaign ? 'Edit the campaign' : 'New campaign'}
      data-testid="campaign-form"
    >
      <h2>{campaign ? 'Edit the campaign' : 'New campaign'}</h2>
      <ProblemAlert error={save.error} fields={FIELDS} testId="campaign-form-error" />
      <div className="field-grid">
        <TextField
          label="Slug"
          hint="The campaign’s address on the public site: lower-case letters, digits and hyphens, e.g. crimes-against-women."
          value={values.slug}
          onChange={(value) => update('slug', value)}
          error={errors.slug}
          required
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          autoComplete="off"
          testId="campaign-slug"
        />
        <TextField
          label="Starts on (optional)"
          type="date"
          value={values.startsOn}
          onChange={(value) => update('startsOn', value)}
          error={errors.startsOn}
          testId="campaign-starts-on"
        />
        <TextField
          label="Ends on (optional)"
          type="date"
          value={values.endsOn}
          onChange={(value) => update('endsOn', value)}
          error={errors.endsOn}
          testId="campaign-ends-on"
        />
      </div>
      <fieldset className="form-section" lang="en">
        <legend>English</legend>
        <TextField
          label="Title"
          value={values.title}
          onChange={(value) => update('title', value)}
          error={errors.title}
          required
          testId="campaign-title"
        />
        <TextAreaField
          label="Text (optional)"
          value={values.body}
          onChange={(value) => update('body', value)}
          error={errors.body}
          rows={4}
          testId="campaign-body"
        />
      </fieldset>
      {TRANSLATION_LANGUAGES.map((language) => (
        <fieldset key={language} className="form-section" data-testid={`campaign-translation-${language}`}>
          <legend>{languageLabel(language)} (optional)</legend>
          <TextField
            label={`Title in ${languageLabel(language)}`}
            value={values.translations[language].title}
            onChange={(value) => updateTranslation(language, { title: value })}
            lang={language}
            dir={language === 'ar' ? 'rtl' : 'ltr'}
            testId={`campaign-${language}-title`}
          />
          <TextAreaField
            label={`Text in ${languageLabel(language)}`}
            value={values.translations[language].body}
            onChange={(value) => updateTranslation(language, { body: value })}
            lang={language}
            dir={language === 'ar' ? 'rtl' : 'ltr'}
            rows={3}
            testId={`campaign-${language}-body`}
          />
        </fieldset>
      ))}
      {errors.translations ? <p className="field-error">{errors.translations}</p> : null}
      <ProblemAlert error={published.error} />
      <CheckboxGroup
        legend="Notices in the campaign"
        hint="Only published notices can be shown on the public site."
        options={options}
        selected={values.noticeIds}
        onChange={(selected) => update('noticeIds', selected)}
        error={errors.noticeIds}
        emptyText={published.data ? 'No notice is published yet.' : 'Loading published notices…'}
        testId="campaign-notices"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy} data-testid="campaign-save">
          {save.busy ? 'Saving…' : campaign ? 'Save the campaign' : 'Create the campaign'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
