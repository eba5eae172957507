import crypto from 'node:crypto';
import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import type { GeoPoint } from '../domain/types';
import { MediaRefusedError } from './media-errors';

// Every photo is new to a worker: libvips' operation cache would only hold memory (tens of MB) it never reuses.
sharp.cache(false);

/** Longest side of the copy shown on case pages (and posted to X). */
export const DISPLAY_PX = 1600;
/** Longest side of the thumbnail (lists, feeds). */
export const THUMB_PX = 320;
/** Decompression bombs: a small file that decodes to an enormous image is refused before it is decoded. */
const MAX_PIXELS = 50_000_000;

/** The formats phones and apps send that we take; SVG, PDF and the rest are refused (SVG is a document, not a photo). */
const PHOTO_FORMATS: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heif: 'image/heif',
  avif: 'image/avif',
  tiff: 'image/tiff',
};

export interface ProcessedImage {
  display: Buffer;
  thumb: Buffer;
  /** The original's detected type (not the sender's word for it). */
  contentType: string;
  bytes: number;
  /** Upright size of the original, after auto-rotation. */
  width: number;
  height: number;
  sha256: string;
  /** The point in the original's EXIF GPS block, read before it is stripped; private (a location suggestion for staff). */
  gps?: GeoPoint;
}

/**
 * Turns a received file into what we publish: checks it is a photo within the limits, reads its GPS point, then
 * writes an upright display copy and a thumbnail as baseline JPEG. sharp writes no metadata unless asked, so EXIF
 * (camera, time, GPS), XMP and IPTC never reach the copies; colours are converted to sRGB, so no ICC profile is needed.
 */
export async function processImage(input: Buffer, maxBytes: number): Promise<ProcessedImage> {
  if (input.length > maxBytes) throw new MediaRefusedError(tooLarge(input.length, maxBytes));
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new MediaRefusedError('not an image we can read');
  }
  const contentType = meta.format ? PHOTO_FORMATS[meta.format] : undefined;
  if (!contentType) throw new MediaRefusedError(`not a photo (${meta.format ?? 'unknown'} file); JPEG, PNG, WebP, GIF, HEIF/AVIF or TIFF are taken`);
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) throw new MediaRefusedError(`image is over ${MAX_PIXELS / 1e6} megapixels`);
  const gps = await readGps(input);
  const rotated = (meta.orientation ?? 1) >= 5;
  // One full decode: the display copy is made from the original (libvips shrinks JPEGs while decoding), the thumbnail
  // from the display copy, which is a fraction of the work of decoding the original twice.
  const resize = (px: number) => ({ width: px, height: px, fit: 'inside' as const, withoutEnlargement: true });
  try {
    const display = await sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'none', sequentialRead: true })
      .rotate()
      .resize(resize(DISPLAY_PX))
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer();
    const thumb = await sharp(display).resize(resize(THUMB_PX)).jpeg({ quality: 75 }).toBuffer();
    return {
      display,
      thumb,
      contentType,
      bytes: input.length,
      width: (rotated ? meta.height : meta.width) ?? 0,
      height: (rotated ? meta.width : meta.height) ?? 0,
      sha256: crypto.createHash('sha256').update(input).digest('hex'),
      gps,
    };
  } catch (err) {
    throw new MediaRefusedError(`the image could not be decoded (${(err as Error).message.split('\n')[0]})`);
  }
}

export function tooLarge(bytes: number, maxBytes: number): string {
  return `file is larger than the ${(maxBytes / 1024 / 1024).toFixed(0)} MB limit${bytes > 0 ? ` (${(bytes / 1024 / 1024).toFixed(1)} MB)` : ''}`;
}

async function readGps(input: Buffer): Promise<GeoPoint | undefined> {
  try {
    const g = await exifr.gps(input);
    if (!g || !Number.isFinite(g.latitude) || !Number.isFinite(g.longitude)) return undefined;
    if (Math.abs(g.latitude) > 90 || Math.abs(g.longitude) > 180 || (g.latitude === 0 && g.longitude === 0)) return undefined;
    return { lat: g.latitude, lon: g.longitude };
  } catch {
    return undefined;
  }
}
