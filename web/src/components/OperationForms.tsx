// The forms of a border operation: a new operation (name, dates, status, participating agencies)
// and a new checkpoint (name, border type, place, country).
import { useState, type FormEvent } from 'react';
import { listAgencies, type Visibility } from '../api';
import { fieldErrors } from '../forms';
import { useAction, useLoad } from '../hooks';
import {
  BORDER_TYPES,
  OPERATION_STATUSES,
  addCheckpoint,
  createOperation,
  updateOperation,
  type BorderOperation,
  type BorderType,
  type Checkpoint,
  type NewCheckpoint,
  type NewOperation,
  type OperationChanges,
  type OperationStatus,
} from '../screening-api';
import { borderTypeLabel, operationStatusLabel } from '../screening-format';
import { useSession } from '../session';
import { SelectField, TextAreaField, TextField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { VisibilityFields } from './VisibilityFields';

interface OperationValues {
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  status: OperationStatus;
  visibility: Visibility;
  sharedWith: string[];
}

const EMPTY_OPERATION: OperationValues = {
  name: '',
  description: '',
  startsOn: '',
  endsOn: '',
  status: 'active',
  visibility: 'agency',
  sharedWith: [],
};
const OPERATION_FIELDS = ['name', 'description', 'startsOn', 'endsOn', 'status', 'visibility', 'sharedWith'] as const;
const STATUS_OPTIONS = OPERATION_STATUSES.map((value) => ({ value, label: operationStatusLabel(value) }));

function toNewOperation(values: OperationValues): NewOperation {
  const input: NewOperation = { name: values.name.trim(), status: values.status, visibility: values.visibility };
  if (values.description.trim()) input.description = values.description.trim();
  if (values.startsOn) input.startsOn = values.startsOn;
  if (values.endsOn) input.endsOn = values.endsOn;
  if (values.visibility === 'shared') input.sharedWith = values.sharedWith;
  return input;
}

function toChanges(values: OperationValues): OperationChanges {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    startsOn: values.startsOn || null,
    endsOn: values.endsOn || null,
    status: values.status,
    visibility: values.visibility,
    sharedWith: values.visibility === 'shared' ? values.sharedWith : [],
  };
}

function valuesOf(operation: BorderOperation): OperationValues {
  return {
    name: operation.name,
    description: operation.description,
    startsOn: operation.startsOn ?? '',
    endsOn: operation.endsOn ?? '',
    status: operation.status,
    visibility: operation.visibility,
    sharedWith: operation.sharedWith,
  };
}

interface OperationFormProps {
  /** The operation to change; without it the form creates one. */
  operation?: BorderOperation;
  onSaved: (operation: BorderOperation) => void;
  onCancel: () => void;
}

export function OperationForm({ operation, onSaved, onCancel }: OperationFormProps) {
  const { user } = useSession().session;
  const agencies = useLoad((signal) => listAgencies(signal), []);
  const save = useAction((values: OperationValues) =>
    operation ? updateOperation(operation.id, toChanges(values)) : createOperation(toNewOperation(values)),
  );
  const [values, setValues] = useState<OperationValues>(operation ? valuesOf(operation) : EMPTY_OPERATION);
  const errors = fieldErrors(save.error);
  const editing = operation !== undefined;

  function update<K extends keyof OperationValues>(key: K, value: OperationValues[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await save.run(values);
    if (result.ok) onSaved(result.value);
  }

  return (
    <form
      className="panel"
      onSubmit={submit}
      noValidate
      aria-label={editing ? 'Change the operation' : 'New operation'}
      data-testid="operation-form"
    >
      <h2>{editing ? 'Change the operation' : 'New border operation'}</h2>
      <ProblemAlert error={save.error} fields={OPERATION_FIELDS} />
      <TextField
        label="Name"
        value={values.name}
        onChange={(value) => update('name', value)}
        error={errors.name}
        required
        testId="operation-name"
      />
      <TextAreaField
        label="Description (optional)"
        value={values.description}
        onChange={(value) => update('description', value)}
        error={errors.description}
        rows={2}
        testId="operation-description"
      />
      <div className="field-grid">
        <TextField
          label="Starts on (optional)"
          type="date"
          value={values.startsOn}
          onChange={(value) => update('startsOn', value)}
          error={errors.startsOn}
          testId="operation-starts-on"
        />
        <TextField
          label="Ends on (optional)"
          type="date"
          value={values.endsOn}
          onChange={(value) => update('endsOn', value)}
          error={errors.endsOn}
          testId="operation-ends-on"
        />
        <SelectField
          label="Status"
          value={values.status}
          options={STATUS_OPTIONS}
          onChange={(value) => update('status', value)}
          error={errors.status}
          testId="operation-status"
        />
      </div>
      <VisibilityFields
        visibility={values.visibility}
        sharedWith={values.sharedWith}
        agencies={agencies.data}
        ownAgencyId={user.agency.id}
        errors={errors}
        onVisibility={(value) => update('visibility', value)}
        onSharedWith={(selected) => update('sharedWith', selected)}
        testIdPrefix="operation"
      />
      <p className="field-hint">Agencies the operation is shared with take part: they see it, check within it and review its hits.</p>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy} data-testid="operation-submit">
          {save.busy ? 'Saving…' : editing ? 'Save changes' : 'Create operation'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface CheckpointValues {
  name: string;
  borderType: BorderType;
  place: string;
  country: string;
}

const CHECKPOINT_FIELDS = ['name', 'borderType', 'place', 'country'] as const;
const BORDER_OPTIONS = BORDER_TYPES.map((value) => ({ value, label: borderTypeLabel(value) }));

interface CheckpointFormProps {
  operationId: string;
  onAdded: (checkpoint: Checkpoint) => void;
  onCancel?: () => void;
}

export function CheckpointForm({ operationId, onAdded, onCancel }: CheckpointFormProps) {
  const { user } = useSession().session;
  const empty: CheckpointValues = { name: '', borderType: 'air', place: '', country: user.agency.country };
  const [values, setValues] = useState<CheckpointValues>(empty);
  const add = useAction((input: NewCheckpoint) => addCheckpoint(operationId, input));
  const errors = fieldErrors(add.error);

  function update<K extends keyof CheckpointValues>(key: K, value: CheckpointValues[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: NewCheckpoint = { name: values.name.trim(), borderType: values.borderType, country: values.country.trim().toUpperCase() };
    if (values.place.trim()) input.place = values.place.trim();
    const result = await add.run(input);
    if (result.ok) {
      setValues(empty);
      onAdded(result.value);
    }
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Add a checkpoint" data-testid="checkpoint-form">
      <h3>Add a checkpoint</h3>
      <ProblemAlert error={add.error} fields={CHECKPOINT_FIELDS} />
      <div className="field-grid">
        <TextField
          label="Name"
          value={values.name}
          onChange={(value) => update('name', value)}
          error={errors.name}
          required
          testId="checkpoint-name"
        />
        <SelectField
          label="Border type"
          value={values.borderType}
          options={BORDER_OPTIONS}
          onChange={(value) => update('borderType', value)}
          error={errors.borderType}
          testId="checkpoint-border-type"
        />
        <TextField
          label="Place (optional)"
          value={values.place}
          onChange={(value) => update('place', value)}
          error={errors.place}
          testId="checkpoint-place"
        />
        <TextField
          label="Country"
          hint="Alpha-3 code, e.g. ESP."
          value={values.country}
          onChange={(value) => update('country', value.toUpperCase())}
          error={errors.country}
          maxLength={3}
          className="input-short"
          required
          testId="checkpoint-country"
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={add.busy} data-testid="checkpoint-submit">
          {add.busy ? 'Adding…' : 'Add checkpoint'}
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
