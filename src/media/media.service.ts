/**
 * Seized media as analysts see it: lists filtered by case, triage and ingest; one item with its
 * hashes, matches and EXIF clues; thumbnails of images and contact sheets of videos made on the
 * server, blurred and greyscale unless an analyst deliberately reveals one, which is audited.
 */
import sharp from 'sharp';
import type { Actor } from '../platform/access/actor.js';
import { hasAnyRole } from '../platform/access/actor.js';
import { assertMayRead, orNotFound, viewerOf, type RecordPolicy, type Viewer } from '../platform/access/visibility.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import { AppError, forbidden } from '../platform/errors.js';
import { contactSheet } from './ffmpeg.js';
import { vpdqMatch, type VpdqFrame } from './vpdq.js';
import type { MediaStore } from './media-store.js';
import type { IngestCounts, IngestJob, MediaFile, MediaFilter, MediaRepository } from './media.repository.js';

/** A stored video that matches a query video, with both vPDQ percentages. */
export interface VideoMatch {
  mediaId: string;
  caseId: string | null;
  queryMatchPercent: number;
  comparedMatchPercent: number;
}

export const mediaPolicy: RecordPolicy = {
  table: 'media_file',
  label: 'Media',
  readRoles: ['analyst', 'investigator'],
  changeRoles: ['analyst'],
};

/** Only victim-identification specialists look at unblurred media. */
const revealRoles = ['analyst'] as const;
const thumbnailSize = 256;

export class MediaService {
  constructor(
    private readonly repository: MediaRepository,
    private readonly store: MediaStore,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, filter: MediaFilter): Promise<MediaFile[]> {
    assertMayRead(actor, mediaPolicy);
    const media = await this.repository.listVisible(viewerOf(actor), { ...filter, limit: Math.min(Math.max(filter.limit, 1), 500) });
    await this.audit.record(actor, {
      action: 'media.list',
      outcome: 'success',
      recordType: 'media',
      details: { count: media.length, ...filter },
    });
    return media;
  }

  async get(actor: Actor, id: string): Promise<MediaFile> {
    assertMayRead(actor, mediaPolicy);
    const media = orNotFound(await this.repository.findVisible(viewerOf(actor), id), mediaPolicy);
    await this.audit.record(actor, {
      action: 'media.read',
      outcome: 'success',
      recordType: 'media',
      recordId: id,
      recordAgencyId: media.ownerAgencyId,
    });
    return media;
  }

  /** A small JPEG: blurred and greyscale, or, for an analyst who asks, as it is (audited). */
  async thumbnail(actor: Actor, id: string, reveal: boolean): Promise<Buffer> {
    const media = await this.#viewable(actor, id, reveal);
    if (media.kind !== 'image') throw new AppError('not_found', 'Thumbnails are made for images; videos have a contact sheet');
    const bytes = await this.store.get(media.sha256);
    return this.#present(actor, media, sharp(bytes, { failOn: 'none' }).rotate(), reveal, thumbnailSize);
  }

  /** The media, if the actor may see it, may reveal it when asking to, and its content was kept. */
  async #viewable(actor: Actor, id: string, reveal: boolean): Promise<MediaFile> {
    assertMayRead(actor, mediaPolicy);
    const media = orNotFound(await this.repository.findVisible(viewerOf(actor), id), mediaPolicy);
    if (reveal && !hasAnyRole(actor, revealRoles)) {
      await this.audit.record(actor, {
        action: 'media.reveal',
        outcome: 'denied',
        reason: 'role',
        recordType: 'media',
        recordId: id,
        recordAgencyId: media.ownerAgencyId,
      });
      throw forbidden('Revealing media needs the analyst role');
    }
    if (!media.stored) throw new AppError('not_found', 'Only the hashes of this media were kept (hash-only ingest)');
    return media;
  }

  /**
   * The thumbnail of media another capability kept in the store (the dark web crawler, for a site
   * that keeps media): the caller has checked that the actor may see `record`; the same blur,
   * reveal rule and audit as for seized media.
   */
  async keptThumbnail(
    actor: Actor,
    record: { sha256: string; recordType: string; recordId: string; ownerAgencyId: string },
    reveal: boolean,
  ): Promise<Buffer> {
    const subject = { id: record.recordId, ownerAgencyId: record.ownerAgencyId, recordType: record.recordType };
    if (reveal && !hasAnyRole(actor, revealRoles)) {
      await this.audit.record(actor, {
        action: 'media.reveal',
        outcome: 'denied',
        reason: 'role',
        recordType: record.recordType,
        recordId: record.recordId,
        recordAgencyId: record.ownerAgencyId,
      });
      throw forbidden('Revealing media needs the analyst role');
    }
    const bytes = await this.store.get(record.sha256);
    return this.#present(actor, subject, sharp(bytes, { failOn: 'none' }).rotate(), reveal, thumbnailSize);
  }

  /** Shrinks to `size`, blurs and greys unless revealed; a reveal is audited. */
  async #present(
    actor: Actor,
    media: Pick<MediaFile, 'id' | 'ownerAgencyId'> & { recordType?: string },
    image: sharp.Sharp,
    reveal: boolean,
    size: number,
  ): Promise<Buffer> {
    let pipeline = image.resize(size, size, { fit: 'inside', withoutEnlargement: true });
    if (!reveal) pipeline = pipeline.greyscale().blur(12);
    const jpeg = await pipeline.jpeg({ quality: reveal ? 80 : 60 }).toBuffer();
    if (reveal)
      await this.audit.record(actor, {
        action: 'media.reveal',
        outcome: 'success',
        recordType: media.recordType ?? 'media',
        recordId: media.id,
        recordAgencyId: media.ownerAgencyId,
      });
    return jpeg;
  }

  /** A video's contact sheet (12 frames spread over it): blurred and greyscale unless revealed. */
  async contactSheet(actor: Actor, id: string, reveal: boolean): Promise<Buffer> {
    const media = await this.#viewable(actor, id, reveal);
    if (media.kind !== 'video') throw new AppError('not_found', 'Contact sheets are made for videos; use the thumbnail');
    // The decrypted video stays in memory: ffmpeg reads it from loopback, never from a file.
    const video = { bytes: await this.store.get(media.sha256), name: `media ${media.id}` };
    const sheet = await contactSheet(video, { durationSeconds: media.durationSeconds ?? 1 });
    return this.#present(actor, media, sharp(sheet), reveal, 960);
  }

  /**
   * The stored videos that a query video matches by the vPDQ rule (frames of quality ≥ 50,
   * de-duplicated, a frame matches at distance ≤ 31, a match when ≥ 80% of the query's frames
   * match). A linear scan over the visible videos: fine for thousands, not for millions.
   */
  async matchVideo(actor: Actor, frames: readonly VpdqFrame[], viewer: Viewer = viewerOf(actor)): Promise<VideoMatch[]> {
    assertMayRead(actor, mediaPolicy);
    const matches: VideoMatch[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.repository.visibleVideos(viewer, after, 500);
      for (const video of page) {
        const result = vpdqMatch(frames, video.vpdq);
        if (result.isMatch)
          matches.push({
            mediaId: video.id,
            caseId: video.caseId,
            queryMatchPercent: result.queryMatchPercent,
            comparedMatchPercent: result.comparedMatchPercent,
          });
      }
      if (page.length < 500) break;
      after = page.at(-1)!.id;
    }
    matches.sort((a, b) => b.queryMatchPercent - a.queryMatchPercent || b.comparedMatchPercent - a.comparedMatchPercent);
    await this.audit.record(actor, {
      action: 'media.match.video',
      outcome: 'success',
      recordType: 'media',
      details: { frames: frames.length, matched: matches.length },
    });
    return matches;
  }

  async job(actor: Actor, id: string): Promise<IngestJob & { counts: IngestCounts }> {
    assertMayRead(actor, mediaPolicy);
    const job = await this.repository.findJobVisible(viewerOf(actor), id);
    if (job === undefined) throw new AppError('not_found', 'Ingest not found');
    return { ...job, counts: await this.repository.counts(id) };
  }

  async jobs(actor: Actor): Promise<IngestJob[]> {
    assertMayRead(actor, mediaPolicy);
    return this.repository.listJobsVisible(viewerOf(actor), 100);
  }
}
