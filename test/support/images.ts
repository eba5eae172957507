import sharp from 'sharp';

/** Where the test photos say they were taken (Boston Common), as EXIF GPS. */
export const PHOTO_GPS = { lat: 42.355, lon: -71.0656 };

function dms(value: number): string {
  const abs = Math.abs(value);
  const deg = Math.floor(abs);
  const min = Math.floor((abs - deg) * 60);
  const sec = Math.round(((abs - deg) * 60 - min) * 60 * 10000);
  return `${deg}/1 ${min}/1 ${sec}/10000`;
}

/**
 * A phone-like JPEG made on the fly (no binary fixtures): noise, so it compresses like a photo; camera EXIF, a GPS
 * block and an orientation tag (6: the camera was turned, the pixels are stored sideways).
 */
export async function phonePhoto(options: { width?: number; height?: number; orientation?: number; gps?: boolean } = {}): Promise<Buffer> {
  const { width = 1600, height = 1200, orientation = 6, gps = true } = options;
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Model 7', Software: 'camera 1.0' },
      ...(gps
        ? {
            IFD3: {
              GPSLatitudeRef: PHOTO_GPS.lat >= 0 ? 'N' : 'S',
              GPSLatitude: dms(PHOTO_GPS.lat),
              GPSLongitudeRef: PHOTO_GPS.lon >= 0 ? 'E' : 'W',
              GPSLongitude: dms(PHOTO_GPS.lon),
            },
          }
        : {}),
    })
    .withMetadata({ orientation })
    .toBuffer();
}
