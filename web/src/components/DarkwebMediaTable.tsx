// Media a visit (or a site) met, as hashes: MD5, SHA-1, SHA-256 and PDQ (vPDQ for videos), the triage against the
// agency's hash sets, and for each match the set and its labels (series, victim identified,
// category). No thumbnail: the server never serves media bytes from the dark web, and the address
// is shown as text, never as a link that would reach the site from this browser.
import { CursorPager, useCursorPages } from './CursorPager';
import { Fragment, useState } from 'react';
import { matchLabels } from '../api';
import {
  DARKWEB_TRIAGES,
  keptMediaThumbnailUrl,
  listDarkwebMedia,
  mediaVpdqUrl,
  type DarkwebMatch,
  type DarkwebMedia,
  type DarkwebTriage,
  type MediaFilter,
} from '../darkweb-api';
import { darkwebTriageLabel } from '../darkweb-format';
import { flagLabel, formatBytes, hashLabel } from '../format';
import { useLoad } from '../hooks';
import { DarkwebTriageBadge } from './DarkwebBadges';
import { SelectField } from './Field';
import { ProblemAlert } from './ProblemAlert';
import { Loading } from './Status';

const ANY = '';
const MEDIA_PAGE = 50;

const TRIAGE_OPTIONS: { value: DarkwebTriage | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any triage' },
  ...DARKWEB_TRIAGES.map((value) => ({ value, label: darkwebTriageLabel(value) })),
];

interface DarkwebMediaListProps {
  filter: Omit<MediaFilter, 'triage'>;
}

/** The media of a visit or a site, paged, with a triage filter. */
export function DarkwebMediaList({ filter }: DarkwebMediaListProps) {
  const [triage, setTriage] = useState<DarkwebTriage | typeof ANY>(ANY);
  // The `after` cursor of each page seen so far; the last one is the current page.
  const paging = useCursorPages(0, MEDIA_PAGE);
  const after = paging.after;
  const media = useLoad(
    (signal) => listDarkwebMedia({ ...filter, ...(triage ? { triage } : {}) }, { after, limit: MEDIA_PAGE }, signal),
    [filter.visitId, filter.siteId, triage, after],
  );
  const items = media.data ?? [];
  const next = items.length === MEDIA_PAGE ? items.at(-1)?.id : undefined;

  return (
    <>
      <div className="toolbar">
        <SelectField
          label="Triage"
          value={triage}
          options={TRIAGE_OPTIONS}
          onChange={(value) => {
            paging.reset();
            setTriage(value);
          }}
          testId="darkweb-media-triage"
        />
        <button
          type="button"
          className="button button-small"
          onClick={media.reload}
          disabled={media.loading}
          data-testid="darkweb-media-refresh"
        >
          Refresh
        </button>
      </div>
      <ProblemAlert error={media.error} testId="darkweb-media-error" />
      {media.loading && !media.data ? <Loading what="Loading media" /> : null}
      {media.data ? (
        <DarkwebMediaTable
          media={items}
          emptyText={triage !== ANY ? 'No media with this triage.' : !paging.atStart ? 'No more media.' : 'No media met yet.'}
        />
      ) : null}
      <CursorPager paging={paging} noun="Media" count={items.length} next={next} loading={media.loading} testId="darkweb-media" />
    </>
  );
}

const HASHES = ['md5', 'sha1', 'sha256'] as const;

export function DarkwebMediaTable({ media, emptyText }: { media: readonly DarkwebMedia[]; emptyText: string }) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="darkweb-media-table">
        <caption className="visually-hidden">Media met, as hashes and matches</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Triage</th>
            <th scope="col">Hashes</th>
            <th scope="col">Matches</th>
            <th scope="col" className="numeric">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {media.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            media.map((item) => <MediaRow key={item.id} item={item} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * An image the site kept, as the server sends it: blurred and greyscale (and blurred again by CSS).
 * Only the owning agency gets one; for anyone else the request answers 404 and nothing is shown.
 */
function KeptThumbnail({ id }: { id: number }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <div className="media-frame darkweb-media-thumb">
      <img
        src={keptMediaThumbnailUrl(id)}
        className="media-thumb media-thumb-small"
        alt="Thumbnail, blurred and greyscale"
        loading="lazy"
        decoding="async"
        draggable={false}
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
        data-testid="darkweb-media-thumb"
      />
    </div>
  );
}

function MediaRow({ item }: { item: DarkwebMedia }) {
  const { matches } = item;
  return (
    <tr data-testid="darkweb-media-row" data-triage={item.triage}>
      <td className="cell-break darkweb-url">
        {item.kept && item.kind === 'image' ? <KeptThumbnail id={item.id} /> : null}
        <code>{item.url}</code>
        <span className="cell-sub">
          {item.kind}
          {item.kept ? ' · kept, encrypted' : ' · hashes only'}
          {item.pageUrl ? (
            <>
              {' · on '}
              <code>{item.pageUrl}</code>
            </>
          ) : null}
        </span>
      </td>
      <td>
        <DarkwebTriageBadge triage={item.triage} />
      </td>
      <td>
        <dl className="entry-hashes">
          {HASHES.map((key) => (
            <Fragment key={key}>
              <dt>{hashLabel(key)}</dt>
              <dd>
                <code className="hash">{item[key]}</code>
              </dd>
            </Fragment>
          ))}
          <dt>{hashLabel('pdq')}</dt>
          <dd>
            {item.pdq ? (
              <>
                <code className="hash">{item.pdq}</code>
                {item.pdqQuality !== null ? <span className="muted"> (quality {item.pdqQuality})</span> : null}
              </>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          {item.video ? (
            <>
              <dt>vPDQ</dt>
              <dd data-testid="darkweb-media-vpdq">
                {item.video.frames} frame hashes over {formatDuration(item.video.durationSeconds)}{' '}
                <a href={mediaVpdqUrl(item.id)} download={`media-${item.id}.vpdq.txt`}>
                  Download
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </td>
      <td>{matches.length === 0 ? <span className="muted">None</span> : <MatchList matches={matches} />}</td>
      <td className="numeric nowrap">{formatBytes(item.bytes)}</td>
    </tr>
  );
}

/** 75.2 → "1:15". */
function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function MatchList({ matches }: { matches: readonly DarkwebMatch[] }) {
  return (
    <ul className="plain-list darkweb-matches" data-testid="darkweb-media-matches">
      {matches.map((match, index) => {
        const labels = matchLabels(match.labels);
        const how = match.matchedOn
          ? `${hashLabel(match.matchedOn)}${match.matchedOn === 'pdq' && match.distance !== null ? `, distance ${match.distance}` : ''}` +
            (match.frame ? `, frame at ${formatDuration(match.frame.timestamp)}` : '')
          : '';
        return (
          <li key={`${match.hashSet.id}-${match.entryId}-${index}`}>
            <strong>{match.hashSet.name}</strong>
            <span className="muted"> ({how})</span>
            <span className="cell-sub">
              Series: {labels.seriesName ?? '—'} · Victim identified: {flagLabel(labels.victimIdentified)} · Category:{' '}
              {labels.category ? `${labels.category.code} (${labels.category.scheme})` : 'uncategorised'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
