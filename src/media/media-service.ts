import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaFetchPlan, MediaSource } from '../channels/media-source';
import type { MediaConfig } from '../config';
import { InputError, NotFoundError } from '../errors';
import type { Logger } from '../logger';
import type { Database } from '../storage/database';
import { MediaFetchError, MediaRefusedError } from './media-errors';
import {
  claimMediaItem,
  getMediaItem,
  insertClosureItem,
  listCaseMedia,
  type MediaItem,
  markDeleted,
  markOriginalDeleted,
  originalsDue,
  readyMediaItem,
  refuseMediaItem,
  releaseMediaItem,
  setSourceUrl,
  uploadsAwaited,
} from './media-repo';
import { type MediaSize, type MediaStore, mediaKey, type StoredObject } from './media-store';
import { type ProcessedImage, processImage } from './process-image';
import { type Resolver, safeFetch } from './safe-fetch';

/** A media row for a file uploaded with an Open311 POST: `upload:open311-media/<sha256>.<ext>`, relative to DATA_DIR. */
const UPLOAD = 'upload:';

function uploadPath(dataDir: string, sourceUrl: string): string {
  const folder = path.join(dataDir, 'open311-media');
  const file = path.resolve(dataDir, sourceUrl.slice(UPLOAD.length));
  if (!file.startsWith(folder + path.sep)) throw new MediaRefusedError('the uploaded file is not where uploads are kept');
  return file;
}

export interface MediaServiceDeps {
  db: Database;
  store: MediaStore;
  config: MediaConfig;
  /** The channels' media sources (credentials for their providers' media hosts), asked in turn for each URL. */
  sources: MediaSource[];
  log: Logger;
  /** DNS for untrusted URLs; the system's by default. */
  resolve?: Resolver;
}

/** Everything done with photo bytes: ingesting a received URL, a staff upload, serving, hiding, deleting, retention. */
export class MediaService {
  constructor(private readonly deps: MediaServiceDeps) {}

  get store(): MediaStore {
    return this.deps.store;
  }

  /**
   * The ingest job for one row: claim it, download it with the right credentials, process and store it. A refusal
   * (not an image, too large, a private address) settles the row with its reason; a passing failure releases it
   * and throws, so the queue retries. Safe to run twice: only a claimable row is processed, and its files are named
   * by its id, so a second run overwrites rather than adds.
   */
  async ingest(id: number): Promise<void> {
    const { db, config } = this.deps;
    const item = await claimMediaItem(db, id, config.sweepMs);
    if (!item) return;
    try {
      if (!item.source_url) throw new MediaRefusedError('no URL to fetch');
      const upload = item.source_url.startsWith(UPLOAD) ? uploadPath(config.dataDir, item.source_url) : undefined;
      const bytes = upload
        ? await fs.readFile(upload).catch((err: NodeJS.ErrnoException) => {
            throw err.code === 'ENOENT' ? new MediaRefusedError('the uploaded file is gone') : err;
          })
        : (
            await safeFetch(this.plan(item.source_url), {
              maxBytes: config.maxBytes,
              timeoutMs: config.fetchTimeoutMs,
              allowPrivate: config.allowPrivate,
              resolve: this.deps.resolve,
            })
          ).bytes;
      const image = await processImage(bytes, config.maxBytes);
      await this.keep(item.id, bytes, image);
      // The store now holds the original (under its retention); the waiting upload is not kept twice.
      if (upload) await fs.rm(upload, { force: true });
    } catch (err) {
      if (err instanceof MediaRefusedError) {
        this.deps.log.info({ mediaId: id, caseId: item.case_id, reason: err.message }, 'media: refused');
        await refuseMediaItem(db, id, err.message);
        return;
      }
      const reason = err instanceof MediaFetchError ? err.message : `processing failed: ${(err as Error).message}`;
      await releaseMediaItem(db, id, reason);
      throw err;
    }
  }

  /** A photo a person sent through a form field, processed: refused ones are an InputError naming `photo`. */
  private async photoField(bytes: Buffer): Promise<ProcessedImage> {
    try {
      return await processImage(bytes, this.deps.config.maxBytes);
    } catch (err) {
      if (err instanceof MediaRefusedError) throw new InputError(`photo: ${err.message}`, 'photo');
      throw err;
    }
  }

  /**
   * A closure photo uploaded by staff: processed now, so the closure message that follows can carry it. Answers the
   * row and our URL for it; a file that is not a usable photo is an InputError naming the field.
   */
  async uploadClosurePhoto(caseId: number, bytes: Buffer, publicBaseUrl: string): Promise<{ item: MediaItem; url: string }> {
    const { db } = this.deps;
    const image = await this.photoField(bytes);
    const id = await insertClosureItem(db, caseId);
    const url = `${publicBaseUrl}/media/${id}/display`;
    await setSourceUrl(db, id, url);
    await this.keep(id, bytes, image);
    return { item: (await getMediaItem(db, id))!, url };
  }

  /**
   * A photo from the public report form, checked now (an image we take, within MEDIA_MAX_BYTES) and kept under
   * DATA_DIR/open311-media, named by its content, until the report is sent: the case's media row then takes it in as
   * an upload, like an Open311 POST's file. Answers the file (relative to DATA_DIR) and its detected type; a file that
   * is not a usable photo is an InputError naming `photo`, and nothing is written.
   */
  async stageUpload(bytes: Buffer): Promise<{ file: string; contentType: string }> {
    const { config } = this.deps;
    const image = await this.photoField(bytes);
    const file = path.join('open311-media', `${image.sha256}.${image.contentType.split('/')[1]}`);
    await fs.mkdir(path.join(config.dataDir, 'open311-media'), { recursive: true });
    await fs.writeFile(path.join(config.dataDir, file), bytes);
    return { file, contentType: image.contentType };
  }

  /** The thumbnail of a staged upload (the form's preview), or undefined when it is gone (sent, or never there). */
  async stagedThumb(file: string): Promise<Buffer | undefined> {
    const bytes = await fs.readFile(uploadPath(this.deps.config.dataDir, `${UPLOAD}${file}`)).catch(() => undefined);
    return bytes && (await processImage(bytes, this.deps.config.maxBytes).catch(() => undefined))?.thumb;
  }

  /**
   * Deletes uploads waiting under DATA_DIR/open311-media for longer than `maxAgeMs` that no photo waits for: a
   * report form left before sending, an upload whose request failed. Answers how many went.
   */
  async expireStagedUploads(maxAgeMs = 24 * 3600_000): Promise<number> {
    const folder = path.join(this.deps.config.dataDir, 'open311-media');
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    const old: string[] = [];
    for (const name of names) {
      const stat = await fs.stat(path.join(folder, name)).catch(() => undefined);
      if (stat?.isFile() && Date.now() - stat.mtimeMs > maxAgeMs) old.push(`open311-media/${name}`);
    }
    const awaited = await uploadsAwaited(this.deps.db, old);
    const gone = old.filter((f) => !awaited.has(f));
    for (const f of gone) await fs.rm(path.join(this.deps.config.dataDir, f), { force: true });
    return gone.length;
  }

  /** One size of a photo, or undefined. `visibleOnly`: only what the public may see. */
  async read(id: number, size: MediaSize): Promise<{ item: MediaItem; object: StoredObject } | undefined> {
    const item = await getMediaItem(this.deps.db, id);
    if (item?.status !== 'ready') return undefined;
    if (size === 'original' && item.original_deleted_at) return undefined;
    const object = await this.deps.store.get(mediaKey(id, size));
    return object && { item, object };
  }

  /** Deletes every size of one photo, original included; the row stays, marked deleted, for the case's history. */
  async delete(id: number): Promise<void> {
    const item = await getMediaItem(this.deps.db, id);
    if (!item) throw new NotFoundError(`media ${id} not found`);
    await this.deps.store.delete((['original', 'display', 'thumb'] as MediaSize[]).map((s) => mediaKey(id, s)));
    await markDeleted(this.deps.db, id);
  }

  /** Deletes every photo of a case, every size. */
  async deleteCaseMedia(caseId: number): Promise<number> {
    const items = await listCaseMedia(this.deps.db, caseId);
    for (const item of items) await this.delete(item.id);
    return items.length;
  }

  /** Retention: originals (which keep the sender's metadata) are deleted MEDIA_ORIGINAL_RETENTION_DAYS after processing. */
  async expireOriginals(): Promise<number> {
    const due = await originalsDue(this.deps.db, this.deps.config.originalRetentionDays);
    for (const item of due) {
      await this.deps.store.delete([mediaKey(item.id, 'original')]);
      await markOriginalDeleted(
        this.deps.db,
        item.id,
        (item.stored.keys ?? []).filter((k) => k !== mediaKey(item.id, 'original')),
      );
    }
    return due.length;
  }

  private plan(url: string): MediaFetchPlan {
    for (const source of this.deps.sources) {
      const plan = source.plan(url);
      if (plan) return plan;
    }
    return { url, headers: {}, trustedOrigin: false };
  }

  private async keep(id: number, original: Buffer, image: ProcessedImage): Promise<void> {
    const { store, db } = this.deps;
    const keys = [mediaKey(id, 'original'), mediaKey(id, 'display'), mediaKey(id, 'thumb')];
    await store.put(keys[0], original, image.contentType);
    await store.put(keys[1], image.display, 'image/jpeg');
    await store.put(keys[2], image.thumb, 'image/jpeg');
    await readyMediaItem(db, id, {
      content_type: image.contentType,
      bytes: image.bytes,
      width: image.width,
      height: image.height,
      sha256: image.sha256,
      keys,
      gps: image.gps,
    });
  }
}
