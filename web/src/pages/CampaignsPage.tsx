// Notices → campaigns: the public pages that group published notices; a notice officer creates
// them, chooses the notices, publishes and archives them.
import { useState } from 'react';
import { CampaignForm } from '../components/CampaignForm';
import { CampaignStatusBadge, NoticeStatusBadge, NoticeTypeBadge } from '../components/NoticeBadges';
import { NoticesTabs } from '../components/NoticesTabs';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { archiveCampaign, getCampaign, listCampaigns, publishCampaign, unpublishCampaign, type Campaign } from '../notices-api';
import { PUBLIC_LANGUAGES, TRANSLATION_LANGUAGES, publicCampaignUrl } from '../notices-api';
import { languageLabel, publicNumberText } from '../notices-format';
import { canWriteNotices } from '../permissions';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

function dates(campaign: Pick<Campaign, 'startsOn' | 'endsOn'>): string {
  if (!campaign.startsOn && !campaign.endsOn) return 'No dates';
  return `${campaign.startsOn ?? '…'} – ${campaign.endsOn ?? '…'}`;
}

export function CampaignsPage() {
  useDocumentTitle('Campaigns');
  const { user } = useSession().session;
  const campaigns = useLoad((signal) => listCampaigns(signal), []);
  return (
    <>
      <PageHeader
        section="Notices"
        title="Campaigns"
        actions={
          canWriteNotices(user) ? (
            <a className="button button-primary" href={href(paths.campaignNew)} data-testid="campaign-new">
              New campaign
            </a>
          ) : null
        }
      />
      <NoticesTabs current="campaigns" />
      <ProblemAlert error={campaigns.error} testId="campaigns-error" />
      {campaigns.loading && !campaigns.data ? <Loading what="Loading campaigns" /> : null}
      {campaigns.data ? (
        <div className="table-scroll">
          <table className="table" data-testid="campaigns-table">
            <caption className="visually-hidden">Campaigns</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Dates</th>
                <th scope="col" className="numeric">
                  Notices
                </th>
                <th scope="col">Owner agency</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.length === 0 ? (
                <tr>
                  <td colSpan={5} className="empty">
                    No campaigns yet.
                  </td>
                </tr>
              ) : (
                campaigns.data.map((campaign) => (
                  <tr key={campaign.id} data-testid="campaign-row" data-campaign-id={campaign.id}>
                    <td>
                      <a href={href(paths.campaign(campaign.id))}>{campaign.title}</a>
                      <span className="cell-sub">{campaign.slug}</span>
                    </td>
                    <td>
                      <CampaignStatusBadge status={campaign.status} />
                    </td>
                    <td className="nowrap">{dates(campaign)}</td>
                    <td className="numeric">{campaign.notices.length}</td>
                    <td>{campaign.ownerAgencyName}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export function CampaignNewPage() {
  useDocumentTitle('New campaign');
  return (
    <>
      <NoticesTabs current="campaigns" />
      <p className="breadcrumb">
        <a href={href(paths.campaigns)}>← Campaigns</a>
      </p>
      <PageHeader section="Campaigns" title="New campaign" />
      <CampaignForm onSaved={(campaign) => navigate(paths.campaign(campaign.id))} onCancel={() => navigate(paths.campaigns)} />
    </>
  );
}

export function CampaignPage({ id }: { id: string }) {
  const campaign = useLoad((signal) => getCampaign(id, signal), [id]);
  useDocumentTitle(campaign.data?.title ?? 'Campaign');
  if (campaign.error?.status === 404) {
    return (
      <section data-testid="campaign-not-found">
        <PageHeader section="Campaigns" title="Campaign not found" />
        <p>Not found or not visible to your agency.</p>
        <p>
          <a href={href(paths.campaigns)}>Back to campaigns</a>
        </p>
      </section>
    );
  }
  return (
    <>
      <NoticesTabs current="campaigns" />
      <p className="breadcrumb">
        <a href={href(paths.campaigns)}>← Campaigns</a>
      </p>
      <ProblemAlert error={campaign.error} testId="campaign-error" />
      {campaign.loading && !campaign.data ? <Loading what="Loading the campaign" /> : null}
      {campaign.data ? <CampaignDetail campaign={campaign.data} onChanged={campaign.setData} /> : null}
    </>
  );
}

function CampaignDetail({ campaign, onChanged }: { campaign: Campaign; onChanged: (campaign: Campaign) => void }) {
  const { user } = useSession().session;
  const [editing, setEditing] = useState(false);
  const publish = useAction(publishCampaign);
  const archive = useAction(archiveCampaign);
  const unpublish = useAction(unpublishCampaign);
  const changeable = campaign.ownerAgencyId === user.agency.id && canWriteNotices(user) && campaign.status !== 'archived';

  async function run(action: typeof publish) {
    const result = await action.run(campaign.id);
    if (result.ok) onChanged(result.value);
  }

  return (
    <article data-testid="campaign-detail" data-campaign-id={campaign.id} data-status={campaign.status}>
      <PageHeader
        section="Campaign"
        title={campaign.title}
        actions={
          changeable && !editing ? (
            <>
              <button type="button" className="button" onClick={() => setEditing(true)} data-testid="campaign-edit">
                Edit
              </button>
              {campaign.status === 'draft' ? (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => void run(publish)}
                  disabled={publish.busy}
                  data-testid="campaign-publish"
                >
                  {publish.busy ? 'Publishing…' : 'Publish'}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  onClick={() => void run(unpublish)}
                  disabled={unpublish.busy}
                  data-testid="campaign-unpublish"
                >
                  {unpublish.busy ? 'Taking it off…' : 'Back to draft'}
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => void run(archive)}
                disabled={archive.busy}
                data-testid="campaign-archive"
              >
                {archive.busy ? 'Archiving…' : 'Archive'}
              </button>
            </>
          ) : null
        }
      />
      <ProblemAlert error={publish.error ?? unpublish.error ?? archive.error} testId="campaign-action-error" />
      {editing ? (
        <CampaignForm
          campaign={campaign}
          onSaved={(saved) => {
            setEditing(false);
            onChanged(saved);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <dl className="details">
        <dt>Status</dt>
        <dd>
          <CampaignStatusBadge status={campaign.status} />
        </dd>
        <dt>Slug</dt>
        <dd>
          <code>{campaign.slug}</code>
        </dd>
        {campaign.status === 'published' ? (
          <>
            <dt>Public page</dt>
            <dd data-testid="campaign-public-links">
              {PUBLIC_LANGUAGES.map((language, index) => (
                <span key={language}>
                  {index > 0 ? ' · ' : null}
                  <a href={publicCampaignUrl(campaign.slug, language)} target="_blank" rel="noopener noreferrer" hrefLang={language}>
                    {languageLabel(language)}
                  </a>
                </span>
              ))}
              <span className="visually-hidden"> (open in a new tab)</span>
              <span className="cell-sub">Shown while its dates include today.</span>
            </dd>
          </>
        ) : null}
        <dt>Dates</dt>
        <dd>{dates(campaign)}</dd>
        <dt>Owner agency</dt>
        <dd>{campaign.ownerAgencyName}</dd>
        {campaign.body ? (
          <>
            <dt>Text</dt>
            <dd className="prose">{campaign.body}</dd>
          </>
        ) : null}
        {TRANSLATION_LANGUAGES.map((language) => {
          const translation = campaign.translations[language];
          if (!translation?.title && !translation?.body) return null;
          return (
            <div key={language} className="details-row">
              <dt>{languageLabel(language)}</dt>
              <dd lang={language} dir={language === 'ar' ? 'rtl' : undefined}>
                {translation.title ? <strong>{translation.title}</strong> : null}
                {translation.body ? <span className="prose cell-sub">{translation.body}</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
      <h2>Notices</h2>
      {campaign.notices.length === 0 ? (
        <p className="muted">No notices chosen yet.</p>
      ) : (
        <ol className="plain-list" data-testid="campaign-notices-list">
          {campaign.notices.map((notice) => (
            <li key={notice.id}>
              <a href={href(paths.notice(notice.id))}>{notice.displayName || 'Untitled notice'}</a> <NoticeTypeBadge type={notice.type} />{' '}
              <span className="muted">{publicNumberText(notice.publicNumber)}</span>{' '}
              {notice.status !== 'published' ? <NoticeStatusBadge status={notice.status} /> : null}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
