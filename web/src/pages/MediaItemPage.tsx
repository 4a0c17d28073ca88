// Media → one item: hashes, triage and matches, EXIF clues, and the blurred thumbnail that an
// analyst may reveal (MediaPreview).
import { Fragment } from 'react';
import { getMedia, listCases, matchLabels, type Case, type ExifClues, type MediaItem, type MediaMatch } from '../api';
import { PurposeBadge, TriageBadge } from '../components/Badge';
import { DateTime } from '../components/DateTime';
import { MediaPreview } from '../components/MediaPreview';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { caseName, flagLabel, formatBytes, formatCoordinates, formatDimensions, hashLabel, triageHint, variantLabel } from '../format';
import { useDocumentTitle, useLoad } from '../hooks';
import { href, paths } from '../router';

export function MediaItemPage({ id }: { id: string }) {
  const media = useLoad((signal) => getMedia(id, signal), [id]);
  const cases = useLoad((signal) => listCases(signal), []);
  useDocumentTitle(media.data ? `Media ${media.data.sha256.slice(0, 12)}` : 'Media');

  if (media.error?.status === 404) return <MediaNotFound />;
  return (
    <>
      <p className="breadcrumb">
        <a href={href(paths.media())}>← Media</a>
      </p>
      <ProblemAlert error={media.error} testId="media-error" />
      {media.loading && !media.data ? <Loading what="Loading the media item" /> : null}
      {media.data ? <MediaDetail media={media.data} cases={cases.data} /> : null}
    </>
  );
}

function MediaNotFound() {
  return (
    <section data-testid="media-not-found">
      <PageHeader section="Media" title="Media not found" />
      <p>Not found or not visible to your agency.</p>
      <p>
        <a href={href(paths.media())}>Back to media</a>
      </p>
    </section>
  );
}

function MediaDetail({ media, cases }: { media: MediaItem; cases: readonly Case[] | undefined }) {
  const dimensions = formatDimensions(media.width, media.height);
  return (
    <article data-testid="media-detail" data-media-id={media.id}>
      <PageHeader section={`Media · ${media.mediaType}`} title={`${kindTitle(media.kind)} ${media.sha256.slice(0, 12)}…`} />
      <div className="media-detail-layout">
        <MediaPreview media={media} />
        <dl className="details">
          <dt>Triage</dt>
          <dd>
            <TriageBadge triage={media.triage} /> <span className="muted">{triageHint(media.triage)}</span>
          </dd>
          <dt>Case</dt>
          <dd>
            {media.caseId ? (
              <a href={href(paths.case(media.caseId))}>{caseName(media.caseId, cases) ?? media.caseId}</a>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          <dt>Type</dt>
          <dd>
            {media.mediaType} <span className="muted">({media.kind})</span>
          </dd>
          <dt>Size</dt>
          <dd>
            {formatBytes(media.size)} <span className="muted">({media.size.toLocaleString('en')} bytes)</span>
          </dd>
          {dimensions ? (
            <>
              <dt>Dimensions</dt>
              <dd>{dimensions} pixels</dd>
            </>
          ) : null}
          <dt>Content</dt>
          <dd>{media.stored ? 'Stored, encrypted' : 'Hashes only (the content was not kept)'}</dd>
          <dt>Added</dt>
          <dd>
            <DateTime value={media.createdAt} />
          </dd>
          {media.error ? (
            <>
              <dt>Problem</dt>
              <dd className="field-error">{media.error}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <h2>Hashes</h2>
      <Hashes media={media} />

      <h2>Matches</h2>
      <MatchesTable matches={media.matches} />

      <h2>EXIF clues</h2>
      <ExifDetails exif={media.exif} />
    </article>
  );
}

/** "image" → "Image": the title names the kind and the start of the SHA-256 (a file can have many names). */
function kindTitle(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

function Hashes({ media }: { media: MediaItem }) {
  return (
    <dl className="details hashes" data-testid="media-hashes">
      <dt>MD5</dt>
      <dd>
        <code className="hash">{media.md5}</code>
      </dd>
      <dt>SHA-1</dt>
      <dd>
        <code className="hash">{media.sha1}</code>
      </dd>
      <dt>SHA-256</dt>
      <dd>
        <code className="hash">{media.sha256}</code>
      </dd>
      <dt>PDQ</dt>
      <dd>
        {media.pdq ? (
          <>
            <code className="hash">{media.pdq}</code>
            <span className="cell-sub">
              Quality {media.pdqQuality ?? '—'} of 100
              {media.pdqQuality !== null && media.pdqQuality < 50 ? ' (too low to match on)' : ''}
            </span>
          </>
        ) : (
          <span className="muted">None (not an image, or not decodable)</span>
        )}
      </dd>
    </dl>
  );
}

function MatchesTable({ matches }: { matches: readonly MediaMatch[] }) {
  if (matches.length === 0) {
    return (
      <p className="muted" data-testid="media-no-matches">
        No hash set your agency may see has this media.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="media-matches">
        <caption className="visually-hidden">Hash-set entries this media matches</caption>
        <thead>
          <tr>
            <th scope="col">Hash set</th>
            <th scope="col">Matched on</th>
            <th scope="col" className="numeric">
              Distance
            </th>
            <th scope="col">Series</th>
            <th scope="col">Victim identified</th>
            <th scope="col">Offender identified</th>
            <th scope="col">Category</th>
            <th scope="col">Baseline</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((match) => (
            <MatchRow key={`${match.hashSet.id}-${match.entryId}`} match={match} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MatchRow({ match }: { match: MediaMatch }) {
  const labels = matchLabels(match.labels);
  const variant = variantLabel(match.variant);
  return (
    <tr data-testid="media-match-row">
      <td>
        <a href={href(paths.hashSet(match.hashSet.id))} className="cell-title">
          {match.hashSet.name}
        </a>
        <PurposeBadge purpose={match.hashSet.purpose} />
      </td>
      <td>
        {hashLabel(match.matchedOn)}
        {variant ? <span className="cell-sub">media {variant}</span> : null}
      </td>
      <td className="numeric">{match.matchedOn === 'pdq' ? `${match.distance} / 256` : 'exact'}</td>
      <td>{labels.seriesName ?? <span className="muted">—</span>}</td>
      <td>{flagLabel(labels.victimIdentified)}</td>
      <td>{flagLabel(labels.offenderIdentified)}</td>
      <td>
        {labels.category ? (
          <>
            {labels.category.code}
            <span className="cell-sub">{labels.category.scheme}</span>
          </>
        ) : (
          <span className="muted">Uncategorised</span>
        )}
      </td>
      <td>{flagLabel(labels.baseline)}</td>
    </tr>
  );
}

function ExifDetails({ exif }: { exif: ExifClues | null }) {
  const camera = [exif?.make, exif?.model].filter(Boolean).join(' ');
  const rows: [string, string][] = [];
  if (camera) rows.push(['Camera', camera]);
  if (exif?.serialNumber) rows.push(['Serial number', exif.serialNumber]);
  if (exif?.lens) rows.push(['Lens', exif.lens]);
  if (exif?.software) rows.push(['Software', exif.software]);
  if (exif?.takenAt) rows.push(['Taken at', `${exif.takenAt.replace('T', ' ')} (camera clock, no time zone)`]);
  if (exif?.gps) {
    const altitude = exif.gps.altitude !== undefined ? `, altitude ${Math.round(exif.gps.altitude)} m` : '';
    rows.push(['GPS', `${formatCoordinates(exif.gps.latitude, exif.gps.longitude)}${altitude}`]);
  }
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid="media-exif">
        No EXIF clues in this file.
      </p>
    );
  }
  return (
    <dl className="details" data-testid="media-exif">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
