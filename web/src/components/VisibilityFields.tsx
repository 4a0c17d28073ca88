// Who may see a record: the platform's four visibilities, and the partner agencies when it is
// shared. Used by every form that creates or changes an agency-owned record.
import { VISIBILITIES, type Agency, type Visibility } from '../api';
import { VISIBILITY_HINTS, visibilityLabel } from '../format';
import { CheckboxGroup, SelectField } from './Field';

const VISIBILITY_OPTIONS = VISIBILITIES.map((value) => ({ value, label: visibilityLabel(value) }));

interface VisibilityFieldsProps {
  visibility: Visibility;
  sharedWith: string[];
  /** Every member agency; undefined while loading. The own agency is left out. */
  agencies: readonly Agency[] | undefined;
  ownAgencyId: string;
  errors: Partial<Record<'visibility' | 'sharedWith', string>>;
  onVisibility: (visibility: Visibility) => void;
  onSharedWith: (agencyIds: string[]) => void;
  /** Prefix of the test ids: `<prefix>-visibility`, `<prefix>-shared-with`. */
  testIdPrefix: string;
}

export function VisibilityFields({
  visibility,
  sharedWith,
  agencies,
  ownAgencyId,
  errors,
  onVisibility,
  onSharedWith,
  testIdPrefix,
}: VisibilityFieldsProps) {
  const partners = (agencies ?? [])
    .filter((agency) => agency.id !== ownAgencyId)
    .map((agency) => ({ value: agency.id, label: `${agency.name} (${agency.country})` }));
  return (
    <>
      <SelectField
        label="Visibility"
        hint={VISIBILITY_HINTS[visibility]}
        value={visibility}
        options={VISIBILITY_OPTIONS}
        onChange={onVisibility}
        error={errors.visibility}
        testId={`${testIdPrefix}-visibility`}
      />
      {visibility === 'shared' ? (
        <CheckboxGroup
          legend="Shared with"
          options={partners}
          selected={sharedWith}
          onChange={onSharedWith}
          error={errors.sharedWith}
          emptyText={agencies ? 'There are no other member agencies.' : 'Loading agencies…'}
          testId={`${testIdPrefix}-shared-with`}
        />
      ) : null}
    </>
  );
}
