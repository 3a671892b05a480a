import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { DocumentMimeType } from '@plein/contracts';
import { type BlobStorage, readAll } from '@plein/storage';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { extractText as pdfText, getDocumentProxy } from 'unpdf';
import type { Extracted } from './repositories/file.repository.js';

const logger = new Logger('Extract');

const IMAGE_TYPES: DocumentMimeType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const THUMB_PX = 320;

/** The text of an ODT/ODS/ODP: its content.xml with the markup taken out (paragraphs as lines). */
export function openDocumentText(bytes: Uint8Array): string {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' });
  const xml = files['content.xml'];
  if (!xml) return '';
  return new TextDecoder()
    .decode(xml)
    .replace(/<text:(p|h)\b[^>]*\/>/g, '\n')
    .replace(/<\/text:(p|h)>/g, '\n')
    .replace(/<text:(s|tab|line-break)\b[^>]*\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const tidy = (text: string, max: number) =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max);

/**
 * What a new blob holds for search and for lists: its text (PDF, DOCX, ODT, plain text and CSV; capped at
 * `maxChars`; only for files up to `maxBytes`, and plain text only its first part) and, for images, a small
 * WebP thumbnail stored beside it. A file that cannot be read is kept all the same, without text.
 */
export async function extract(
  storage: BlobStorage,
  blob: { key: string; size: number; mimeType: DocumentMimeType },
  limits: { maxBytes: number; maxChars: number },
): Promise<Extracted> {
  const out: { text: string | null; thumbnailKey: string | null } = { text: null, thumbnailKey: null };
  try {
    if (blob.mimeType === 'text/plain' || blob.mimeType === 'text/csv') {
      const end = Math.min(blob.size, limits.maxChars * 4) - 1;
      const head = await readAll(await storage.get(blob.key, { start: 0, end }), end + 1);
      out.text = tidy(new TextDecoder('utf-8').decode(head), limits.maxChars);
      return out;
    }
    if (blob.size > limits.maxBytes) return out;
    if (blob.mimeType === 'application/pdf') {
      const bytes = await readAll(await storage.get(blob.key), limits.maxBytes);
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await pdfText(pdf, { mergePages: true });
      out.text = tidy(text, limits.maxChars);
    } else if (blob.mimeType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') {
      const bytes = await readAll(await storage.get(blob.key), limits.maxBytes);
      out.text = tidy((await mammoth.extractRawText({ buffer: bytes })).value, limits.maxChars);
    } else if (blob.mimeType.startsWith('application/vnd.oasis.opendocument.')) {
      const bytes = await readAll(await storage.get(blob.key), limits.maxBytes);
      out.text = tidy(openDocumentText(bytes), limits.maxChars);
    } else if (IMAGE_TYPES.includes(blob.mimeType)) {
      const bytes = await readAll(await storage.get(blob.key), limits.maxBytes);
      const thumb = await sharp(bytes, { limitInputPixels: 50_000_000 })
        .rotate()
        .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer();
      const key = `thumbs/${randomUUID()}`;
      await storage.put(key, Readable.from([thumb]), 'image/webp');
      out.thumbnailKey = key;
    }
  } catch (err) {
    logger.warn(`could not read ${blob.mimeType} ${blob.key}: ${String(err)}`);
  }
  return out;
}
