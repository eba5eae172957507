import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { Open311Error } from './respond';

/** Largest photo taken in one POST. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Where an uploaded photo was kept, under DATA_DIR; the media issue's processing picks these up. */
export interface StoredUpload {
  file: string;
  content_type: string;
  bytes: number;
  sha256: string;
}

/**
 * multipart/form-data bodies (FixMyStreet sends the photo as a `media` file): the form fields become the body like
 * any form, the one file is held in memory until the api_key is checked, so a stranger's upload is never written.
 */
export const multipartBody: RequestHandler = (req, res, next) => {
  upload(req, res, (err: unknown) => next(err === undefined ? undefined : uploadError(err)));
};

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 200, fieldSize: 64 * 1024 },
}).single('media');

/** A broken or oversized multipart body is the client's mistake: a 400 naming it, never a 500. */
function uploadError(err: unknown): Open311Error {
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new Open311Error(400, `media is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT') {
      return new Open311Error(400, `one file is taken, in the field named media (got ${err.field ? `"${err.field}"` : 'more'})`);
    }
    return new Open311Error(400, `the multipart body was refused: ${err.message}`);
  }
  return new Open311Error(400, `the multipart body could not be read: ${err instanceof Error ? err.message : 'malformed'}`);
}

// The first bytes of the image formats phones send; the declared type alone is the client's word.
const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', ext: 'gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { type: 'image/webp', ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** An ISO base media file whose brand is HEIC's (heic, heix, mif1, msf1, hevc, hevx). */
function isHeic(b: Buffer): boolean {
  return b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|hevx|mif1|msf1)$/.test(b.subarray(8, 12).toString('latin1'));
}

/** Checks the file is an image and keeps it under DATA_DIR/open311-media, named by its content (a retry writes nothing new). */
export async function storeUpload(dataDir: string, file: { buffer: Buffer }): Promise<StoredUpload> {
  const kind = SIGNATURES.find((s) => s.test(file.buffer));
  // HEIC (an iPhone's own format) is told apart: the image library cannot decode it, so it would be stored and then
  // dropped by the media pipeline, and the case would be filed without the photo its reporter sent.
  if (!kind && isHeic(file.buffer)) {
    throw new Open311Error(400, 'media is a HEIC image, which this service cannot read; send it as JPEG, PNG, GIF or WebP');
  }
  if (!kind) throw new Open311Error(400, 'media must be a JPEG, PNG, GIF or WebP image');
  const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
  const relative = path.join('open311-media', `${sha256}.${kind.ext}`);
  await fs.mkdir(path.join(dataDir, 'open311-media'), { recursive: true });
  await fs.writeFile(path.join(dataDir, relative), file.buffer, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return { file: relative, content_type: kind.type, bytes: file.buffer.length, sha256 };
}
