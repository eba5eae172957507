/**
 * `npm run bench:media`: the photo ingest job per typical MMS photo (1-3 MP JPEG with camera EXIF and GPS), on real
 * PostgreSQL: claim the row, download it from a local HTTP server through the safe fetcher, read GPS, rotate, strip,
 * make the display copy and the thumbnail with sharp, store all three (filesystem store), settle the row.
 * Prints p50/p99 per photo (target p99 < 500 ms), the share spent in sharp, and the worker's memory.
 * BENCH_MEDIA_PHOTOS (default 60) photos, run one at a time, then two at a time as the worker does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createMediaStore } from '../../src/media/create-store';
import { MediaService } from '../../src/media/media-service';
import { processImage } from '../../src/media/process-image';
import { createToken } from '../../src/storage/tokens-repo';
import { FakePhotoServer } from '../fakes/photo-server';
import { freshPgDatabase } from '../support/db';

const PHOTOS = Number(process.env.BENCH_MEDIA_PHOTOS ?? 60);
/** MMS-sized pictures: 1.2, 1.9 and 3.1 megapixels. */
const SIZES = [
  [1280, 960],
  [1600, 1200],
  [2048, 1536],
];

/** A photo-like JPEG: a gradient with grain (pure noise would be a worst case no camera produces), EXIF and GPS. */
async function photo(width: number, height: number, seed: number): Promise<Buffer> {
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${(seed * 37) % 360},60%,55%)"/><stop offset="1" stop-color="#333"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#777"/></svg>`,
  );
  const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 0, sigma: 12 } } })
    .png()
    .toBuffer();
  return sharp(gradient)
    .composite([{ input: grain, blend: 'add' }])
    .jpeg({ quality: 88 })
    .withExif({
      IFD0: { Make: 'BenchPhone', Model: 'B1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 21/1 180000/10000', GPSLongitudeRef: 'W', GPSLongitude: '71/1 3/1 560000/10000' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function summary(label: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(0);
  console.log(`${label}: ${s.length} photos, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${s[s.length - 1].toFixed(0)} ms`);
}

async function main(): Promise<void> {
  const files = await Promise.all(Array.from({ length: 6 }, (_, i) => photo(SIZES[i % 3][0], SIZES[i % 3][1], i)));
  const server = await new FakePhotoServer().start();
  for (const [i, f] of files.entries()) server.add(`/p${i}.jpg`, f);
  console.log(
    `photos: ${files
      .map((f, i) => `${SIZES[i % 3].join('x')} ${(f.length / 1024).toFixed(0)} KB`)
      .slice(0, 3)
      .join(', ')}`,
  );
  const db = await freshPgDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-bench-media-'));
  const config = loadConfig({ DATA_DIR: dataDir, MEDIA_FETCH_ALLOW_PRIVATE: server.allowEntry, LOG_LEVEL: 'silent' });
  const media = new MediaService({
    db,
    store: createMediaStore(config.media),
    config: config.media,
    sources: [],
    log: createLogger('silent'),
    resolve: async () => ['127.0.0.1'],
  });
  await createToken(db, 'bench', 'staff');
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO cases (service_code, channel, media) VALUES ('pothole', 'sms', $1::jsonb) RETURNING service_request_id::int AS id`,
    [
      JSON.stringify(
        Array.from({ length: PHOTOS * 2 + 4 }, (_, i) => ({ url: `http://photos.example.org:${server.port}/p${i % files.length}.jpg` })),
      ),
    ],
  );
  const ids = (await db.query<{ id: number }>('SELECT id::int AS id FROM media_items WHERE case_id = $1 ORDER BY position', [rows[0].id])).rows.map(
    (r) => r.id,
  );

  // Warm-up (sharp's first call loads libvips' codecs), then the baseline memory.
  for (const id of ids.splice(0, 4)) await media.ingest(id);
  global.gc?.();
  const baseline = process.memoryUsage();

  const processing: number[] = [];
  for (let i = 0; i < PHOTOS; i++) {
    const t = performance.now();
    await processImage(files[i % files.length], config.media.maxBytes);
    processing.push(performance.now() - t);
  }
  const serial: number[] = [];
  for (const id of ids.splice(0, PHOTOS)) {
    const t = performance.now();
    await media.ingest(id);
    serial.push(performance.now() - t);
  }
  const paired: number[] = [];
  const started = performance.now();
  const queue = ids.splice(0, PHOTOS);
  await Promise.all(
    [0, 1].map(async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const t = performance.now();
        await media.ingest(id);
        paired.push(performance.now() - t);
      }
    }),
  );
  const pairedSeconds = (performance.now() - started) / 1000;
  const settled = (await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM media_items GROUP BY status')).rows;

  summary('sharp only (GPS read, rotate, strip, display 1600 px + thumb 320 px)', processing);
  summary('whole job, one at a time (claim, fetch, process, store 3 files, settle)', serial);
  summary('whole job, two at a time (the worker concurrency)', paired);
  console.log(
    `throughput two at a time: ${(PHOTOS / pairedSeconds).toFixed(1)} photos/s on ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)})`,
  );
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const now = process.memoryUsage();
  console.log(
    `memory: RSS ${mb(baseline.rss)} after warm-up, ${mb(now.rss)} after the run, peak ${mb(process.resourceUsage().maxRSS * 1024)}; JS heap ${mb(now.heapUsed)}; sharp cache ${JSON.stringify(sharp.cache())}`,
  );
  console.log(`rows: ${settled.map((r) => `${r.status} ${r.n}`).join(', ')}`);
  const p99 = [...serial].sort((a, b) => a - b)[Math.min(serial.length - 1, Math.floor(0.99 * serial.length))];
  console.log(`target p99 < 500 ms per photo: ${p99 < 500 ? 'met' : 'NOT met'}`);
  await server.stop();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
