// The operation and checkpoint a check is recorded in, remembered between visits. Without an
// operation a check is answered but not recorded, and no hit goes to a review queue. Only border
// officers and administrators record checks, and only in operations that are not closed.
import { useLoad, type LoadState } from '../hooks';
import { canChangeOperations } from '../permissions';
import { getOperation, listOperations, type BorderOperation, type ScreenContext } from '../screening-api';
import { borderTypeLabel } from '../screening-format';
import { useRememberedCheckpoint, useRememberedOperation } from '../screening-memory';
import { useSession } from '../session';
import { SelectField } from './Field';
import { ProblemAlert } from './ProblemAlert';

export interface ScreeningPlace {
  /** Whether the user may record checks in operations at all. */
  records: boolean;
  /** The operations checks can be recorded in (not closed). */
  operations: LoadState<BorderOperation[]>;
  /** The chosen operation with its checkpoints, once loaded. */
  operation: BorderOperation | undefined;
  operationId: string;
  checkpointId: string;
  setOperationId: (id: string) => void;
  setCheckpointId: (id: string) => void;
  /** What POST /screen is given. */
  context: ScreenContext;
}

/** The remembered operation and checkpoint, dropped when the operation is no longer visible. */
export function useScreeningPlace(): ScreeningPlace {
  const [rememberedOperation, rememberOperation] = useRememberedOperation();
  const [rememberedCheckpoint, rememberCheckpoint] = useRememberedCheckpoint();
  const records = canChangeOperations(useSession().session.user);
  const operations = useLoad(
    async (signal) => (records ? (await listOperations(signal)).filter((operation) => operation.status !== 'closed') : []),
    [records],
  );
  const known = operations.data === undefined || operations.data.some((operation) => operation.id === rememberedOperation);
  const operationId = rememberedOperation !== null && known ? rememberedOperation : '';
  const detail = useLoad((signal) => (operationId ? getOperation(operationId, signal) : Promise.resolve(undefined)), [operationId]);
  const operation = detail.data?.id === operationId ? detail.data : undefined;
  const checkpoints = operation?.checkpoints ?? [];
  const checkpointId =
    rememberedCheckpoint !== null && (operation === undefined || checkpoints.some((checkpoint) => checkpoint.id === rememberedCheckpoint))
      ? rememberedCheckpoint
      : '';
  const context: ScreenContext = {};
  if (operationId) context.operationId = operationId;
  if (operationId && checkpointId) context.checkpointId = checkpointId;
  return {
    records,
    operations,
    operation,
    operationId,
    checkpointId,
    setOperationId: (id) => {
      rememberOperation(id || null);
      rememberCheckpoint(null);
    },
    setCheckpointId: (id) => rememberCheckpoint(id || null),
    context,
  };
}

export function OperationPicker({ place, disabled }: { place: ScreeningPlace; disabled?: boolean }) {
  const { operations, operation, operationId, checkpointId } = place;
  if (!place.records) {
    return (
      <p className="muted" data-testid="screening-not-recorded">
        Your checks are answered but not recorded: border officers and administrators record checks in border operations.
      </p>
    );
  }
  const operationOptions = [
    { value: '', label: operations.data ? 'No operation (nothing is recorded)' : 'Loading operations…' },
    ...(operations.data ?? []).map((item) => ({ value: item.id, label: item.name })),
  ];
  const checkpointOptions = [
    { value: '', label: operationId ? 'No checkpoint' : 'Choose an operation first' },
    ...(operation?.checkpoints ?? []).map((checkpoint) => ({
      value: checkpoint.id,
      label: `${checkpoint.name} (${borderTypeLabel(checkpoint.borderType)}, ${checkpoint.country})`,
    })),
  ];
  return (
    <>
      <ProblemAlert error={operations.error} testId="screening-operations-error" />
      <div className="field-grid">
        <SelectField
          label="Operation"
          hint="Checks in an operation are recorded and their hits reviewed."
          value={operationId}
          options={operationOptions}
          onChange={place.setOperationId}
          disabled={disabled}
          testId="screening-operation"
        />
        <SelectField
          label="Checkpoint"
          hint="Where the traveller is checked."
          value={checkpointId}
          options={checkpointOptions}
          onChange={place.setCheckpointId}
          disabled={disabled || !operationId}
          testId="screening-checkpoint"
        />
      </div>
    </>
  );
}
