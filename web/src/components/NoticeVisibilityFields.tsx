// Who may see the police record of a notice or a tip: the own agency, chosen partners, or (for a
// notice) the network. Never "public": what the public sees is the extract, chosen field by field.
import type { Agency } from '../api';
import { VISIBILITY_HINTS, visibilityLabel } from '../format';
import { NOTICE_VISIBILITIES, type NoticeVisibility } from '../notices-api';
import { CheckboxGroup, SelectField } from './Field';

interface NoticeVisibilityFieldsProps<V extends NoticeVisibility> {
  label: string;
  /** The visibilities to choose from; all three unless given (a tip is never shared with the whole network). */
  choices?: readonly V[];
  visibility: V;
  sharedWith: string[];
  /** Every member agency; undefined while loading. The own agency is left out. */
  agencies: readonly Agency[] | undefined;
  ownAgencyId: string;
  errors: { visibility?: string | undefined; sharedWith?: string | undefined };
  onVisibility: (visibility: V) => void;
  onSharedWith: (agencyIds: string[]) => void;
  disabled?: boolean;
  /** Prefix of the test ids: `<prefix>-visibility`, `<prefix>-shared-with`. */
  testIdPrefix: string;
}

export function NoticeVisibilityFields<V extends NoticeVisibility>({
  label,
  choices,
  visibility,
  sharedWith,
  agencies,
  ownAgencyId,
  errors,
  onVisibility,
  onSharedWith,
  disabled,
  testIdPrefix,
}: NoticeVisibilityFieldsProps<V>) {
  const options = (choices ?? (NOTICE_VISIBILITIES as readonly NoticeVisibility[] as readonly V[])).map((value) => ({
    value,
    label: visibilityLabel(value),
  }));
  const partners = (agencies ?? [])
    .filter((agency) => agency.id !== ownAgencyId)
    .map((agency) => ({ value: agency.id, label: `${agency.name} (${agency.country})` }));
  return (
    <>
      <SelectField
        label={label}
        hint={VISIBILITY_HINTS[visibility]}
        value={visibility}
        options={options}
        onChange={onVisibility}
        error={errors.visibility}
        disabled={disabled}
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
