// Labelled form controls that show their own field error and hint.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { fieldSentence } from '../forms';

/** "Reference (optional)" is "Reference" in an error message. */
function errorText(label: string, error: string): string {
  return fieldSentence(label.replace(/\s*\(.*\)$/, ''), error);
}

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {error ? (
        <p id={errorId} className="field-error">
          {errorText(label, error)}
        </p>
      ) : null}
    </div>
  );
}

interface CommonFieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  testId?: string;
}

type TextFieldProps = CommonFieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextField({ label, error, hint, testId, value, onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => <input {...input} {...control} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

type TextAreaFieldProps = CommonFieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextAreaField({ label, error, hint, testId, value, onChange, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <textarea {...textarea} {...control} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

export interface Option<V extends string> {
  value: V;
  label: string;
}

type SelectFieldProps<V extends string> = CommonFieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'children' | 'multiple'> & {
    value: V;
    options: readonly Option<V>[];
    onChange: (value: V) => void;
  };

export function SelectField<V extends string>({ label, error, hint, testId, value, options, onChange, ...select }: SelectFieldProps<V>) {
  function handleChange(selected: string) {
    const option = options.find((candidate) => candidate.value === selected);
    if (option) onChange(option.value);
  }
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <select {...select} {...control} data-testid={testId} value={value} onChange={(event) => handleChange(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface CheckboxGroupProps<V extends string> {
  legend: string;
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  error?: string | undefined;
  hint?: ReactNode;
  testId?: string;
  emptyText?: string;
}

/** A multi-select as a list of checkboxes, which stays usable on touch screens. */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  selected,
  onChange,
  error,
  hint,
  testId,
  emptyText,
}: CheckboxGroupProps<V>) {
  const id = useId();
  function toggle(value: V, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((candidate) => next.has(candidate)));
  }
  return (
    <fieldset
      className={error ? 'field checkbox-group field-invalid' : 'field checkbox-group'}
      data-testid={testId}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {options.length === 0 && emptyText ? <p className="muted">{emptyText}</p> : null}
      <div className="checkbox-options">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              data-testid={testId ? `${testId}-${option.value}` : undefined}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {errorText(legend, error)}
        </p>
      ) : null}
    </fieldset>
  );
}

type FileFieldProps = CommonFieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'value' | 'onChange' | 'children'> & {
    onChange: (files: File[]) => void;
  };

/** A file picker; uncontrolled (browsers allow no other), so give it a new `key` to clear it. */
export function FileField({ label, error, hint, testId, onChange, ...input }: FileFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...input}
          {...control}
          type="file"
          data-testid={testId}
          onChange={(event) => onChange(Array.from(event.target.files ?? []))}
        />
      )}
    </Field>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
}

/** One checkbox with its label beside it, and an optional hint below. */
export function CheckboxField({ label, checked, onChange, hint, error, disabled, testId }: CheckboxFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          data-testid={testId}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {errorText(label, error)}
        </p>
      ) : null}
    </div>
  );
}
