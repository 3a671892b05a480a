import { PleinError } from '@plein/contracts';
import sharp from 'sharp';

/** The largest image the photo route decodes: a bound on memory, whatever the file size (image bombs). */
export const PHOTO_MAX_SIDE = 10_000;
export const PHOTO_MAX_PIXELS = 40_000_000;
export const THUMB_SIZE = 128;
export const MEDIUM_SIZE = 512;

export type ImageType = 'png' | 'jpeg' | 'webp';

/** What the bytes are, by their magic numbers; the file name and the declared content type are not trusted. */
export function sniffImage(b: Buffer): ImageType | undefined {
  if (
    b.length >= 8 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return 'webp';
  }
  return undefined;
}

const unreadable = () =>
  new PleinError(422, 'unreadable_image', 'The image could not be read; it may be damaged or incomplete');

/**
 * Turns an uploaded profile photo into two square WebP renditions (thumb and medium). Refuses, before
 * decoding any pixels, what is not a PNG, JPEG or WebP by content, and images whose dimensions are too large.
 * Re-encoding drops everything but pixels: EXIF (GPS!), ICC tricks, trailing data, embedded payloads.
 */
export async function renderProfilePhoto(input: Buffer): Promise<{ thumb: Buffer; medium: Buffer }> {
  if (input.length === 0) throw new PleinError(400, 'empty_file', 'The file is empty');
  const type = sniffImage(input);
  if (!type) {
    throw new PleinError(
      415,
      'unsupported_image',
      'Send a PNG, JPEG or WebP image (the file’s content is none of these)',
    );
  }
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  if (meta.format !== type || !meta.width || !meta.height) throw unreadable();
  const height = meta.pageHeight ?? meta.height;
  if (meta.width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE || meta.width * height > PHOTO_MAX_PIXELS) {
    throw new PleinError(
      422,
      'image_too_large',
      `The image is ${meta.width}×${height} pixels; at most ${PHOTO_MAX_SIDE} pixels a side and ${PHOTO_MAX_PIXELS / 1_000_000} megapixels`,
      { width: meta.width, height },
    );
  }
  try {
    const source = sharp(input, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error', pages: 1 }).rotate();
    const render = (size: number) =>
      source
        .clone()
        .resize(size, size, { fit: 'cover', position: 'attention' })
        .webp({ quality: 80, effort: 4 })
        .toBuffer();
    const [thumb, medium] = await Promise.all([render(THUMB_SIZE), render(MEDIUM_SIZE)]);
    return { thumb, medium };
  } catch {
    throw unreadable();
  }
}
