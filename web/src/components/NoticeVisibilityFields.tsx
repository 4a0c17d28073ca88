// Who may see the police record of a notice or a tip: the own agency, chosen partners, or the
// network. Never "public": what the public sees is the extract, chosen field by field.
import type { Agency } from '../api';
import { VISIBILITY_HINTS, visibilityLabel } from '../format';
import { NOTICE_VISIBILITIES, type NoticeVisibility } from '../notices-api';
import { CheckboxGroup, SelectField } from './Field';

const OPTIONS = NOTICE_VISIBILITIES.map((value) => ({ value, label: visibilityLabel(value) }));

interface NoticeVisibilityFieldsProps {
  label: string;
  visibility: NoticeVisibility;
  sharedWith: string[];
  /** Every member agency; undefined while loading. The own agency is left out. */
  agencies: readonly Agency[] | undefined;
  ownAgencyId: string;
  errors: { visibility?: string | undefined; sharedWith?: string | undefined };
  onVisibility: (visibility: NoticeVisibility) => void;
  onSharedWith: (agencyIds: string[]) => void;
  disabled?: boolean;
  /** Prefix of the test ids: `<prefix>-visibility`, `<prefix>-shared-with`. */
  testIdPrefix: string;
}

export function NoticeVisibilityFields({
  label,
  visibility,
  sharedWith,
  agencies,
  ownAgencyId,
  errors,
  onVisibility,
  onSharedWith,
  disabled,
  testIdPrefix,
}: NoticeVisibilityFieldsProps) {
  const partners = (agencies ?? [])
    .filter((agency) => agency.id !== ownAgencyId)
    .map((agency) => ({ value: agency.id, label: `${agency.name} (${agency.country})` }));
  return (
    <>
      <SelectField
        label={label}
        hint={VISIBILITY_HINTS[visibility]}
        value={visibility}
        options={OPTIONS}
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
