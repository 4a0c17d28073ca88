// The form that creates a hash set: name, purpose, description, visibility (and partners).
import { useState, type FormEvent } from 'react';
import {
  HASH_SET_PURPOSES,
  createHashSet,
  listAgencies,
  type HashSet,
  type HashSetPurpose,
  type NewHashSet,
  type Visibility,
} from '../api';
import { PURPOSE_HINTS, purposeLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction, useLoad } from '../hooks';
import { useSession } from '../session';
import { SelectField, TextAreaField, TextField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { VisibilityFields } from './VisibilityFields';

interface Values {
  name: string;
  purpose: HashSetPurpose;
  description: string;
  visibility: Visibility;
  sharedWith: string[];
}

const EMPTY: Values = { name: '', purpose: 'known', description: '', visibility: 'agency', sharedWith: [] };
const FIELDS = ['name', 'purpose', 'description', 'visibility', 'sharedWith'] as const;
const PURPOSE_OPTIONS = HASH_SET_PURPOSES.map((value) => ({ value, label: purposeLabel(value) }));

function toNewHashSet(values: Values): NewHashSet {
  const input: NewHashSet = { name: values.name.trim(), purpose: values.purpose, visibility: values.visibility };
  if (values.description.trim()) input.description = values.description.trim();
  if (values.visibility === 'shared') input.sharedWith = values.sharedWith;
  return input;
}

interface HashSetFormProps {
  onCreated: (set: HashSet) => void;
  onCancel: () => void;
}

export function HashSetForm({ onCreated, onCancel }: HashSetFormProps) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const create = useAction(createHashSet);
  const [values, setValues] = useState<Values>(EMPTY);
  const errors = fieldErrors(create.error);

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create.run(toNewHashSet(values));
    if (result.ok) onCreated(result.value);
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New hash set" data-testid="hashset-form">
      <h2>New hash set</h2>
      <ProblemAlert error={create.error} fields={FIELDS} />
      <TextField
        label="Name"
        value={values.name}
        onChange={(value) => update('name', value)}
        error={errors.name}
        required
        testId="hashset-name"
      />
      <SelectField
        label="Purpose"
        hint={PURPOSE_HINTS[values.purpose]}
        value={values.purpose}
        options={PURPOSE_OPTIONS}
        onChange={(value) => update('purpose', value)}
        error={errors.purpose}
        testId="hashset-purpose"
      />
      <TextAreaField
        label="Description (optional)"
        hint="Where the hashes come from and what they cover."
        value={values.description}
        onChange={(value) => update('description', value)}
        error={errors.description}
        rows={3}
        testId="hashset-description"
      />
      <VisibilityFields
        visibility={values.visibility}
        sharedWith={values.sharedWith}
        agencies={agencies.data}
        ownAgencyId={user.agency.id}
        errors={errors}
        onVisibility={(value) => update('visibility', value)}
        onSharedWith={(selected) => update('sharedWith', selected)}
        testIdPrefix="hashset"
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.busy} data-testid="hashset-submit">
          {create.busy ? 'Creating…' : 'Create hash set'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
