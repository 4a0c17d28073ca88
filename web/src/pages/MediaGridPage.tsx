// Media → grid: the seized media the user's agency may see, filtered by case, triage and ingest.
// Thumbnails are always the server's blurred greyscale ones; near-duplicates are stacked.
import { useState } from 'react';
import {
  TRIAGES,
  listCases,
  type ApiError,
  listIngests,
  listMedia,
  type Case,
  type IngestJob,
  type MediaFilters,
  type MediaItem,
  type Triage,
} from '../api';
import { Badge, TriageBadge } from '../components/Badge';
import { CheckboxField, SelectField } from '../components/Field';
import { MediaTabs } from '../components/MediaTabs';
import { MediaThumbnail } from '../components/MediaThumbnail';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { Loading } from '../components/Status';
import { caseLabel, formatBytes, formatDimensions, ingestLabel, triageLabel } from '../format';
import { fieldErrors } from '../forms';
import { useAction, useDocumentTitle, useLoad } from '../hooks';
import { canUploadMedia } from '../permissions';
import { href, navigate, paths } from '../router';
import { useSession } from '../session';

const PAGE_SIZE = 100;

interface MediaPage {
  items: MediaItem[];
  /** The last page was full: there may be more. */
  more: boolean;
}

async function loadPage(filters: MediaFilters, before: string | undefined, signal?: AbortSignal): Promise<MediaPage> {
  const items = await listMedia(filters, { limit: PAGE_SIZE, ...(before !== undefined && { before }) }, signal);
  return { items, more: items.length === PAGE_SIZE };
}

export function MediaGridPage({ filters }: { filters: MediaFilters }) {
  useDocumentTitle('Media');
  const { user } = useSession().session;
  const filterKey = JSON.stringify(filters);
  const media = useLoad((signal) => loadPage(filters, undefined, signal), [filterKey]);
  const more = useAction(loadPage);
  const [grouped, setGrouped] = useState(true);

  async function loadMore() {
    const current = media.data;
    const last = current?.items.at(-1);
    if (!current || !last) return;
    const result = await more.run(filters, last.id);
    if (result.ok) media.setData({ items: [...current.items, ...result.value.items], more: result.value.more });
  }

  return (
    <>
      <PageHeader
        section="Media"
        title="Media"
        actions={
          canUploadMedia(user) ? (
            <a className="button button-primary" href={href(paths.mediaUpload)}>
              Upload media
            </a>
          ) : null
        }
      />
      <MediaTabs current="grid" />
      <MediaFilterBar
        filters={filters}
        error={media.error}
        onChange={(next) => navigate(paths.media(next), { replace: true })}
        grouped={grouped}
        onGroupedChange={setGrouped}
      />
      {media.error?.status === 403 ? (
        <p>Your roles do not give access to media.</p>
      ) : (
        <ProblemAlert error={media.error} testId="media-error" />
      )}
      {media.loading && !media.data ? <Loading what="Loading media" /> : null}
      {media.data ? <MediaGrid items={media.data.items} grouped={grouped} /> : null}
      <ProblemAlert error={more.error} />
      {media.data?.more ? (
        <div className="actions">
          <button type="button" className="button" onClick={loadMore} disabled={more.busy} data-testid="media-more">
            {more.busy ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </>
  );
}

// Filters

const ANY = '';

const TRIAGE_OPTIONS: { value: Triage | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any triage' },
  ...TRIAGES.map((value) => ({ value, label: triageLabel(value) })),
];

interface MediaFilterBarProps {
  filters: MediaFilters;
  error: ApiError | null;
  onChange: (filters: MediaFilters) => void;
  /** One tile per stack of near-duplicates (a view choice, not a filter). */
  grouped: boolean;
  onGroupedChange: (grouped: boolean) => void;
}

function MediaFilterBar({ filters, error, onChange, grouped, onGroupedChange }: MediaFilterBarProps) {
  const cases = useLoad((signal) => listCases(signal), []);
  const ingests = useLoad((signal) => listIngests(signal), []);
  const errors = fieldErrors(error);

  function update<K extends keyof MediaFilters>(key: K, value: MediaFilters[K] | typeof ANY) {
    const next: MediaFilters = { ...filters };
    if (value === ANY || value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  }

  return (
    <form className="panel panel-wide" aria-label="Filter media" onSubmit={(event) => event.preventDefault()} data-testid="media-filters">
      <div className="field-grid">
        <SelectField
          label="Case"
          value={filters.caseId ?? ANY}
          options={caseOptions(cases.data, filters.caseId)}
          onChange={(value) => update('caseId', value)}
          error={errors.caseId}
          testId="media-filter-case"
        />
        <SelectField
          label="Triage"
          value={filters.triage ?? ANY}
          options={TRIAGE_OPTIONS}
          onChange={(value) => update('triage', value)}
          error={errors.triage}
          testId="media-filter-triage"
        />
        <SelectField
          label="Ingest"
          value={filters.ingestId ?? ANY}
          options={ingestOptions(ingests.data, cases.data, filters.ingestId)}
          onChange={(value) => update('ingestId', value)}
          error={errors.ingestId}
          testId="media-filter-ingest"
        />
      </div>
      <CheckboxField
        label="One tile per stack of near-duplicates"
        checked={grouped}
        onChange={onGroupedChange}
        testId="media-group-stacks"
      />
    </form>
  );
}

function caseOptions(cases: readonly Case[] | undefined, selected: string | undefined) {
  const options = [{ value: ANY, label: 'Any case' }, ...(cases ?? []).map((record) => ({ value: record.id, label: caseLabel(record) }))];
  if (selected && !options.some((option) => option.value === selected)) options.push({ value: selected, label: `Case ${selected}` });
  return options;
}

function ingestOptions(ingests: readonly IngestJob[] | undefined, cases: readonly Case[] | undefined, selected: string | undefined) {
  const options = [
    { value: ANY, label: 'Any ingest' },
    ...(ingests ?? []).map((job) => ({ value: job.id, label: ingestLabel(job, cases) })),
  ];
  if (selected && !options.some((option) => option.value === selected)) options.push({ value: selected, label: `Ingest ${selected}` });
  return options;
}

// The grid

interface Stack {
  key: string;
  /** Shown for the stack: the first media of the stack if it is listed, else the newest. */
  representative: MediaItem;
  others: MediaItem[];
}

/** Groups the items by stack id, in the order of each stack's first (newest) item. */
export function groupByStack(items: readonly MediaItem[]): Stack[] {
  const groups = new Map<string, MediaItem[]>();
  for (const item of items) {
    const key = item.stackId ?? item.id;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()].map(([key, members]) => {
    const representative = members.find((member) => member.id === key) ?? members[0]!;
    return { key, representative, others: members.filter((member) => member !== representative) };
  });
}

function MediaGrid({ items, grouped }: { items: readonly MediaItem[]; grouped: boolean }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const stacks = groupByStack(items);

  if (items.length === 0) {
    return (
      <p className="empty-state" data-testid="media-grid-empty">
        No media match these filters.
      </p>
    );
  }

  function toggle(key: string) {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  return (
    <>
      <p className="muted" data-testid="media-grid-summary">
        {items.length} {items.length === 1 ? 'item' : 'items'}
        {grouped && stacks.length < items.length ? ` in ${stacks.length} tiles` : ''}. Thumbnails are blurred and greyscale; open an item
        for its hashes, matches and clues.
      </p>
      <ul className="media-grid" data-testid="media-grid">
        {grouped
          ? stacks.flatMap((stack) => {
              const open = expanded.has(stack.key);
              return [
                <MediaTile
                  key={stack.representative.id}
                  media={stack.representative}
                  stack={stack.others.length > 0 ? { size: stack.others.length + 1, open, onToggle: () => toggle(stack.key) } : undefined}
                />,
                ...(open ? stack.others.map((member) => <MediaTile key={member.id} media={member} member />) : []),
              ];
            })
          : items.map((item) => <MediaTile key={item.id} media={item} stackSize={stackSize(stacks, item)} />)}
      </ul>
    </>
  );
}

function stackSize(stacks: readonly Stack[], item: MediaItem): number {
  const stack = stacks.find((candidate) => candidate.key === (item.stackId ?? item.id));
  return stack ? stack.others.length + 1 : 1;
}

interface MediaTileProps {
  media: MediaItem;
  /** For the representative of a stack of several. */
  stack?: { size: number; open: boolean; onToggle: () => void } | undefined;
  /** A near-duplicate shown under its stack's representative. */
  member?: boolean;
  /** Ungrouped view: how many listed media share this one's stack. */
  stackSize?: number;
}

function MediaTile({ media, stack, member = false, stackSize: listedInStack = 1 }: MediaTileProps) {
  const dimensions = formatDimensions(media.width, media.height);
  return (
    <li
      className={member ? 'media-tile media-tile-member' : 'media-tile'}
      data-testid="media-tile"
      data-media-id={media.id}
      data-triage={media.triage}
      data-stack-id={media.stackId ?? undefined}
    >
      <a
        href={href(paths.mediaItem(media.id))}
        className="media-tile-link"
        aria-label={`${triageLabel(media.triage)} ${media.mediaType}, ${formatBytes(media.size)}`}
      >
        <MediaThumbnail media={media} size="small" />
      </a>
      <div className="badges">
        <TriageBadge triage={media.triage} />
        {member ? <Badge tone="info">Near-duplicate</Badge> : null}
        {!stack && listedInStack > 1 ? <Badge tone="info">Stack of {listedInStack}</Badge> : null}
      </div>
      <p className="media-tile-meta">
        {formatBytes(media.size)}
        {dimensions ? ` · ${dimensions}` : ''}
        <span className="cell-sub">{media.mediaType}</span>
      </p>
      {stack ? (
        <button
          type="button"
          className="button-link media-stack-toggle"
          aria-expanded={stack.open}
          onClick={stack.onToggle}
          data-testid="media-stack-toggle"
        >
          {stack.size - 1} near-{stack.size - 1 === 1 ? 'duplicate' : 'duplicates'}
          {stack.open ? ' (hide)' : ''}
        </button>
      ) : null}
    </li>
  );
}
