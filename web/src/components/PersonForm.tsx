// The person form, used to record a person of interest and to change one the user's agency owns:
// name, aliases (one a line), birth date, nationality, case, notes and who may see the person.
import { useState, type FormEvent } from 'react';
import type { Agency, ApiError, Case } from '../api';
import { caseLabel } from '../format';
import { fieldErrors } from '../forms';
import type { NewPerson, Person, PersonChanges, PersonVisibility } from '../persons-api';
import { SelectField, TextAreaField, TextField } from './Field';
import { NoticeVisibilityFields } from './NoticeVisibilityFields';
import { ProblemAlert } from './ProblemAlert';

export interface PersonFormValues {
  name: string;
  /** One alias a line. */
  aliases: string;
  birthDate: string;
  nationality: string;
  caseId: string;
  notes: string;
  visibility: PersonVisibility;
  sharedWith: string[];
}

export const EMPTY_PERSON: PersonFormValues = {
  name: '',
  aliases: '',
  birthDate: '',
  nationality: '',
  caseId: '',
  notes: '',
  visibility: 'agency',
  sharedWith: [],
};

export function personFormValues(person: Person): PersonFormValues {
  return {
    name: person.name,
    aliases: person.aliases.join('\n'),
    birthDate: person.birthDate ?? '',
    nationality: person.nationality ?? '',
    caseId: person.caseId ?? '',
    notes: person.notes,
    visibility: person.visibility,
    sharedWith: person.sharedWith,
  };
}

function aliasList(text: string): string[] {
  return text
    .split('\n')
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
}

/** Every field, so that a change can also clear one (an empty birth date, no case). */
export function toPersonInput(values: PersonFormValues): NewPerson & PersonChanges {
  const input: NewPerson = {
    name: values.name.trim(),
    aliases: aliasList(values.aliases),
    birthDate: values.birthDate.trim() || null,
    nationality: values.nationality.trim().toUpperCase() || null,
    caseId: values.caseId || null,
    notes: values.notes.trim(),
    visibility: values.visibility,
  };
  if (values.visibility === 'shared') input.sharedWith = values.sharedWith;
  return input;
}

const FIELDS = ['name', 'aliases', 'birthDate', 'nationality', 'caseId', 'notes', 'visibility', 'sharedWith'] as const;

const NO_CASE = '';

interface PersonFormProps {
  heading: string;
  initial: PersonFormValues;
  /** Member agencies to share with; undefined while they load. */
  agencies: readonly Agency[] | undefined;
  /** Cases the person may be filed under; undefined while they load. */
  cases: readonly Case[] | undefined;
  ownAgencyId: string;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (values: PersonFormValues) => void;
  onCancel?: () => void;
  testId: string;
}

export function PersonForm({
  heading,
  initial,
  agencies,
  cases,
  ownAgencyId,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  testId,
}: PersonFormProps) {
  const [values, setValues] = useState(initial);
  const errors = fieldErrors(error);
  const caseOptions = [
    { value: NO_CASE, label: 'No case' },
    ...(cases ?? []).map((record) => ({ value: record.id, label: caseLabel(record) })),
    // A case no longer listed (or still loading) stays selectable as it is.
    ...(values.caseId && !(cases ?? []).some((record) => record.id === values.caseId)
      ? [{ value: values.caseId, label: cases ? 'A case not visible to you' : 'Loading cases…' }]
      : []),
  ];

  function update<K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form className="panel" onSubmit={submit} noValidate data-testid={testId} aria-label={heading}>
      <h2>{heading}</h2>
      <ProblemAlert error={error} fields={FIELDS} />
      <TextField
        label="Name"
        hint="The name the person is known by."
        value={values.name}
        onChange={(value) => update('name', value)}
        error={errors.name}
        required
        autoComplete="off"
        testId="person-name"
      />
      <TextAreaField
        label="Aliases (optional)"
        hint="Other names and handles, one a line."
        value={values.aliases}
        onChange={(value) => update('aliases', value)}
        error={errors.aliases}
        rows={3}
        testId="person-aliases"
      />
      <div className="field-grid">
        <TextField
          label="Date of birth (optional)"
          type="date"
          value={values.birthDate}
          onChange={(value) => update('birthDate', value)}
          error={errors.birthDate}
          testId="person-birth-date"
        />
        <TextField
          label="Nationality (optional)"
          hint="ISO 3166-1 alpha-3, such as NLD."
          value={values.nationality}
          onChange={(value) => update('nationality', value)}
          error={errors.nationality}
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
          testId="person-nationality"
        />
      </div>
      <SelectField
        label="Case (optional)"
        value={values.caseId}
        options={caseOptions}
        onChange={(value) => update('caseId', value)}
        error={errors.caseId}
        testId="person-case"
      />
      <TextAreaField
        label="Notes (optional)"
        value={values.notes}
        onChange={(value) => update('notes', value)}
        error={errors.notes}
        rows={4}
        testId="person-notes"
      />
      <NoticeVisibilityFields
        label="Visibility"
        choices={['agency', 'shared', 'network']}
        visibility={values.visibility}
        sharedWith={values.sharedWith}
        agencies={agencies}
        ownAgencyId={ownAgencyId}
        errors={{ visibility: errors.visibility, sharedWith: errors.sharedWith }}
        onVisibility={(value) => update('visibility', value)}
        onSharedWith={(selected) => update('sharedWith', selected)}
        testIdPrefix="person"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="person-submit">
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
