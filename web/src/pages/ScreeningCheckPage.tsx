// Screening → check: one traveller, from a pasted MRZ or typed fields, against every watchlist the
// agency may see; the answer in one glance. Within an operation the check is recorded and its hits
// go to the review queue.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { SelectField, TextAreaField, TextField } from '../components/Field';
import { OperationPicker, useScreeningPlace } from '../components/OperationPicker';
import { MrzPreview } from '../components/MrzPreview';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ScreeningAnswer } from '../components/ScreeningAnswer';
import { ScreeningTabs } from '../components/ScreeningTabs';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle } from '../hooks';
import { screenTraveller, type ScreeningResult, type Traveller, type TravellerProblem } from '../screening-api';

interface Values {
  mrz: string;
  name: string;
  birthDate: string;
  nationality: string;
  sex: '' | 'F' | 'M' | 'X';
  documentNumber: string;
  documentCountry: string;
}

const EMPTY: Values = { mrz: '', name: '', birthDate: '', nationality: '', sex: '', documentNumber: '', documentCountry: '' };
const FIELDS = ['mrz', 'name', 'birthDate', 'nationality', 'sex', 'documentNumber', 'documentCountry'] as const;
const SEX_OPTIONS = [
  { value: '', label: 'Unknown' },
  { value: 'F', label: 'Female' },
  { value: 'M', label: 'Male' },
  { value: 'X', label: 'Unspecified (X)' },
] as const;

function toTraveller(values: Values): Traveller {
  const traveller: Traveller = {};
  for (const key of FIELDS) {
    const value = values[key].trim();
    if (value !== '') traveller[key] = key === 'mrz' ? values.mrz.trim() : value;
  }
  return traveller;
}

/** Server field paths such as "traveller.birthDate" or "/traveller/mrz" → the form's field. */
function travellerFieldErrors(error: ApiError | null) {
  const errors = fieldErrors(error);
  const result: Partial<Record<string, string>> = { ...errors };
  for (const { field, message } of error?.problem.errors ?? []) {
    const match = /traveller[./](\w+)/.exec(field);
    if (match?.[1]) result[match[1]] = message;
  }
  return result;
}

/**
 * The answer's problems under the typed fields they concern. MRZ problems (field "mrz.birthDate",
 * …) are left to the MRZ preview under the MRZ, which names each part, and to the answer's list.
 */
function answerFieldErrors(problems: readonly TravellerProblem[]): Partial<Record<string, string>> {
  const result: Partial<Record<string, string>> = {};
  for (const { field, message } of problems) {
    if (field === 'mrz' || field.startsWith('mrz.')) continue;
    const previous = result[field];
    result[field] = previous ? `${previous}; ${message}` : message;
  }
  return result;
}

export function ScreeningCheckPage() {
  useDocumentTitle('Check a traveller');
  const place = useScreeningPlace();
  const [values, setValues] = useState<Values>(EMPTY);
  // `sequence` numbers the answers, so that each one is a new answer to the screen reader and the eye.
  const [result, setResult] = useState<{ answer: ScreeningResult; sequence: number; operation?: { id: string; name: string } } | null>(
    null,
  );
  const [localError, setLocalError] = useState<ApiError | null>(null);
  const check = useAction(screenTraveller);
  const error = localError ?? check.error;
  const errors = error ? travellerFieldErrors(error) : answerFieldErrors(result?.answer.problems ?? []);

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const traveller = toTraveller(values);
    if (!traveller.mrz && !traveller.name && !traveller.documentNumber) {
      setLocalError(
        new ApiError({ status: 0, code: 'invalid', detail: 'Paste an MRZ, or type at least a name or a document number.', errors: [] }),
      );
      return;
    }
    setLocalError(null);
    const operation = place.operation ? { id: place.operation.id, name: place.operation.name } : undefined;
    const outcome = await check.run(traveller, place.context);
    if (outcome.ok) {
      const sequence = (result?.sequence ?? 0) + 1;
      setResult(operation ? { answer: outcome.value, sequence, operation } : { answer: outcome.value, sequence });
    }
  }

  function clear() {
    setValues(EMPTY);
    setResult(null);
    setLocalError(null);
    check.clearError();
  }

  return (
    <>
      <PageHeader section="Screening" title="Check a traveller" />
      <ScreeningTabs current="check" />
      <div className="screening-layout">
        <form className="panel" onSubmit={submit} noValidate aria-label="Check a traveller" data-testid="screening-check-form">
          <OperationPicker place={place} disabled={check.busy} />
          <ProblemAlert error={error} fields={FIELDS} testId="screening-check-error" />
          <TextAreaField
            label="MRZ (optional)"
            hint="Paste or scan the machine-readable zone of a passport, ID card or visa: two or three lines."
            value={values.mrz}
            onChange={(value) => update('mrz', value)}
            error={errors.mrz}
            rows={3}
            spellCheck={false}
            autoCapitalize="characters"
            className="mrz-input"
            testId="screening-mrz"
          />
          <MrzPreview text={values.mrz} />
          <p className="field-hint">Or type what you have: a name, or a document number, is enough.</p>
          <TextField
            label="Name"
            value={values.name}
            onChange={(value) => update('name', value)}
            error={errors.name}
            autoComplete="off"
            testId="screening-name"
          />
          <div className="field-grid">
            <TextField
              label="Birth date"
              hint="YYYY-MM-DD, or just the year."
              value={values.birthDate}
              onChange={(value) => update('birthDate', value)}
              error={errors.birthDate}
              autoComplete="off"
              placeholder="1974-08-12"
              testId="screening-birth-date"
            />
            <TextField
              label="Nationality"
              hint="Country code, e.g. ESP or ES."
              value={values.nationality}
              onChange={(value) => update('nationality', value.toUpperCase())}
              error={errors.nationality}
              autoComplete="off"
              maxLength={3}
              className="input-short"
              testId="screening-nationality"
            />
            <SelectField
              label="Sex"
              value={values.sex}
              options={SEX_OPTIONS}
              onChange={(value) => update('sex', value)}
              error={errors.sex}
              className="input-short"
              testId="screening-sex"
            />
          </div>
          <div className="field-grid">
            <TextField
              label="Document number"
              value={values.documentNumber}
              onChange={(value) => update('documentNumber', value)}
              error={errors.documentNumber}
              autoComplete="off"
              testId="screening-document-number"
            />
            <TextField
              label="Document country"
              hint="Issuing country code."
              value={values.documentCountry}
              onChange={(value) => update('documentCountry', value.toUpperCase())}
              error={errors.documentCountry}
              autoComplete="off"
              maxLength={3}
              className="input-short"
              testId="screening-document-country"
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={check.busy} data-testid="screening-submit">
              {check.busy ? 'Checking…' : 'Check'}
            </button>
            <button type="button" className="button" onClick={clear} disabled={check.busy} data-testid="screening-clear">
              Clear
            </button>
          </div>
        </form>
        {result ? <ScreeningAnswer key={result.sequence} result={result.answer} operation={result.operation} /> : null}
      </div>
    </>
  );
}
