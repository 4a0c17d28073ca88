/**
 * Seized media as analysts see it: lists filtered by case, triage and ingest; one item with its
 * hashes, matches and EXIF clues; thumbnails made on the server, blurred and greyscale unless an
 * analyst deliberately reveals one, which is audited.
 */
import sharp from 'sharp';
import type { Actor } from '../platform/access/actor.js';
import { hasAnyRole } from '../platform/access/actor.js';
import { assertMayRead, orNotFound, viewerOf, type RecordPolicy } from '../platform/access/visibility.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import { AppError, forbidden } from '../platform/errors.js';
import type { MediaStore } from './media-store.js';
import type { IngestCounts, IngestJob, MediaFile, MediaFilter, MediaRepository } from './media.repository.js';

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
    if (media.kind !== 'image') throw new AppError('not_found', 'No thumbnail for this kind of media yet');
    const bytes = await this.store.get(media.sha256);
    let image = sharp(bytes, { failOn: 'none' }).rotate().resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true });
    if (!reveal) image = image.greyscale().blur(12);
    const thumbnail = await image.jpeg({ quality: reveal ? 80 : 60 }).toBuffer();
    if (reveal)
      await this.audit.record(actor, {
        action: 'media.reveal',
        outcome: 'success',
        recordType: 'media',
        recordId: id,
        recordAgencyId: media.ownerAgencyId,
      });
    return thumbnail;
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
