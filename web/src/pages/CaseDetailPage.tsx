// A single case, with the edit form for users of the owning agency who may change cases.
import { useState } from 'react';
import { getCase, listAgencies, updateCase, type Agency, type Case } from '../api';
import { VisibilityBadge } from '../components/Badge';
import { CaseForm, caseFormValues, toCaseChanges, type CaseFormValues } from '../components/CaseForm';
import { DateTime } from '../components/DateTime';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading, SuccessNote } from '../components/Status';
import { VISIBILITY_HINTS } from '../format';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canChangeCases, ownsCase } from '../permissions';
import { href, paths } from '../router';
import { useSession } from '../session';

export function CaseDetailPage({ id }: { id: string }) {
  const record = useLoad((signal) => getCase(id, signal), [id]);
  const agencies = useLoad((signal) => listAgencies(signal), []);
  useDocumentTitle(record.data?.title ?? 'Case');

  if (record.error?.status === 404) return <CaseNotFound />;
  return (
    <>
      <p className="breadcrumb">
        <a href={href(paths.cases)}>← Cases</a>
      </p>
      <ProblemAlert error={record.error} testId="case-error" />
      {record.loading && !record.data ? <Loading what="Loading the case" /> : null}
      {record.data ? <CaseDetail record={record.data} agencies={agencies.data} onSaved={record.setData} /> : null}
    </>
  );
}

function CaseNotFound() {
  return (
    <section data-testid="not-found">
      <PageHeader section="Operations" title="Case not found" />
      <p>Not found or not visible to your agency.</p>
      <p>
        <a href={href(paths.cases)}>Back to cases</a>
      </p>
    </section>
  );
}

interface CaseDetailProps {
  record: Case;
  agencies: readonly Agency[] | undefined;
  onSaved: (record: Case) => void;
}

function CaseDetail({ record, agencies, onSaved }: CaseDetailProps) {
  const { user } = useSession().session;
  const [saved, setSaved] = useState(false);
  const owned = ownsCase(user, record);
  const editable = owned && canChangeCases(user);

  function handleSaved(updated: Case) {
    setSaved(true);
    onSaved(updated);
  }

  return (
    <article data-testid="case-detail">
      <PageHeader section={record.reference || 'Case'} title={record.title} />
      <dl className="details">
        <dt>Reference</dt>
        <dd>{record.reference || <span className="muted">None</span>}</dd>
        <dt>Owner agency</dt>
        <dd>{record.ownerAgencyName}</dd>
        <dt>Visibility</dt>
        <dd>
          <VisibilityBadge visibility={record.visibility} /> <span className="muted">{VISIBILITY_HINTS[record.visibility]}</span>
        </dd>
        {record.visibility === 'shared' ? (
          <>
            <dt>Shared with</dt>
            <dd>{sharedWithNames(record.sharedWith, agencies)}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>
          <DateTime value={record.createdAt} />
        </dd>
        <dt>Last updated</dt>
        <dd>
          <DateTime value={record.updatedAt} />
        </dd>
      </dl>
      <h2>Summary</h2>
      {record.summary ? <p className="prose">{record.summary}</p> : <p className="muted">No summary.</p>}

      {saved ? <SuccessNote testId="case-saved">Changes saved.</SuccessNote> : null}
      {editable ? <EditCase record={record} agencies={agencies} onSaved={handleSaved} onEditing={() => setSaved(false)} /> : null}
      {owned && !editable ? (
        <p className="muted">Only analysts and investigators of {record.ownerAgencyName} can change this case.</p>
      ) : null}
    </article>
  );
}

function sharedWithNames(ids: readonly string[], agencies: readonly Agency[] | undefined): string {
  if (ids.length === 0) return 'No other agency';
  return ids.map((id) => agencies?.find((agency) => agency.id === id)?.name ?? id).join(', ');
}

interface EditCaseProps {
  record: Case;
  agencies: readonly Agency[] | undefined;
  onSaved: (record: Case) => void;
  onEditing: () => void;
}

function EditCase({ record, agencies, onSaved, onEditing }: EditCaseProps) {
  const { user } = useSession().session;
  const save = useAction((values: CaseFormValues) => updateCase(record.id, toCaseChanges(values)));

  async function submit(values: CaseFormValues) {
    onEditing();
    const result = await save.run(values);
    if (result.ok) onSaved(result.value);
  }

  return (
    <CaseForm
      key={record.updatedAt}
      heading="Edit case"
      initial={caseFormValues(record)}
      showReference={false}
      agencies={agencies}
      ownAgencyId={user.agency.id}
      submitLabel="Save changes"
      busy={save.busy}
      error={save.error}
      onSubmit={submit}
      testId="case-edit"
    />
  );
}
