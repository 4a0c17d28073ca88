// The case form, used to open a new case and to edit one the user's agency owns.
import { useState, type FormEvent } from 'react';
import { type Agency, type ApiError, type Case, type CaseChanges, type NewCase, type Visibility } from '../api';
import { fieldErrors } from '../forms';
import { TextAreaField, TextField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { VisibilityFields } from './VisibilityFields';

export interface CaseFormValues {
  title: string;
  reference: string;
  summary: string;
  visibility: Visibility;
  sharedWith: string[];
}

export const EMPTY_CASE: CaseFormValues = {
  title: '',
  reference: '',
  summary: '',
  visibility: 'agency',
  sharedWith: [],
};

export function caseFormValues(record: Case): CaseFormValues {
  return {
    title: record.title,
    reference: record.reference,
    summary: record.summary,
    visibility: record.visibility,
    sharedWith: record.sharedWith,
  };
}

export function toNewCase(values: CaseFormValues): NewCase {
  const input: NewCase = { title: values.title.trim(), visibility: values.visibility };
  if (values.reference.trim()) input.reference = values.reference.trim();
  if (values.summary.trim()) input.summary = values.summary.trim();
  if (values.visibility === 'shared') input.sharedWith = values.sharedWith;
  return input;
}

export function toCaseChanges(values: CaseFormValues): CaseChanges {
  const changes: CaseChanges = {
    title: values.title.trim(),
    summary: values.summary.trim(),
    visibility: values.visibility,
  };
  if (values.visibility === 'shared') changes.sharedWith = values.sharedWith;
  return changes;
}

const FIELDS = ['title', 'reference', 'summary', 'visibility', 'sharedWith'] as const;

interface CaseFormProps {
  heading: string;
  initial: CaseFormValues;
  showReference: boolean;
  /** Member agencies to share with; undefined while they load. */
  agencies: readonly Agency[] | undefined;
  ownAgencyId: string;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (values: CaseFormValues) => void;
  onCancel?: () => void;
  testId: string;
}

export function CaseForm({
  heading,
  initial,
  showReference,
  agencies,
  ownAgencyId,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  testId,
}: CaseFormProps) {
  const [values, setValues] = useState(initial);
  const errors = fieldErrors(error);

  function update<K extends keyof CaseFormValues>(key: K, value: CaseFormValues[K]) {
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
        label="Title"
        value={values.title}
        onChange={(value) => update('title', value)}
        error={errors.title}
        required
        testId="case-title"
      />
      {showReference ? (
        <TextField
          label="Reference (optional)"
          hint="Your agency's own reference for this case."
          value={values.reference}
          onChange={(value) => update('reference', value)}
          error={errors.reference}
          testId="case-reference"
        />
      ) : null}
      <TextAreaField
        label="Summary (optional)"
        value={values.summary}
        onChange={(value) => update('summary', value)}
        error={errors.summary}
        rows={4}
        testId="case-summary"
      />
      <VisibilityFields
        visibility={values.visibility}
        sharedWith={values.sharedWith}
        agencies={agencies}
        ownAgencyId={ownAgencyId}
        errors={errors}
        onVisibility={(value) => update('visibility', value)}
        onSharedWith={(selected) => update('sharedWith', selected)}
        testIdPrefix="case"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="case-submit">
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
