import type { Request, Response } from 'express';
import multer from 'multer';
import type { AppContext } from '../context';
import { InputError } from '../errors';

/**
 * Reads a multipart body with one image in the file field `photo`, kept in memory up to MEDIA_MAX_BYTES. The staff
 * API and the console's close form both take closure photos this way, so the limits and the refusals are the same.
 * Resolves with the file's bytes, or `undefined` when no file was sent; a refused body rejects with an InputError
 * naming `photo`. The other form fields land in `req.body` as multer reads them.
 */
export function photoUpload(ctx: AppContext): (req: Request, res: Response) => Promise<Buffer | undefined> {
  const maxBytes = ctx.config.media.maxBytes;
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 10 } }).single('photo');
  return (req, res) =>
    new Promise((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (!err) return resolve(req.file && req.file.size > 0 ? req.file.buffer : undefined);
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          return reject(new InputError(`photo is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`, 'photo'));
        }
        reject(
          new InputError(
            `photo: the multipart body was refused (${err instanceof Error ? err.message : 'malformed'}); send the file in the field "photo"`,
            'photo',
          ),
        );
      }),
    );
}

/**
 * Processes a closure photo now (EXIF stripped, resized) and answers our copy's public URL, for the case's
 * `closure_media_url`. A file that is not an image we accept is an InputError naming `photo`, and nothing is stored.
 */
export function keepClosurePhoto(ctx: AppContext, caseId: number, bytes: Buffer) {
  return ctx.media.uploadClosurePhoto(caseId, bytes, ctx.config.publicBaseUrl);
}
