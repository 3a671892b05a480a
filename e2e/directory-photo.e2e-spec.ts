import { crc32, deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fetchToken, testEnv } from '@plein/testing';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/events.js';
import { type TestPerson, createKeycloakUser, deleteKeycloakUser } from './support/keycloak-users.js';
import { type RunningSystem, startSystem } from './support/system.js';

let system: RunningSystem;
let db: pg.Client;
let person: TestPerson;
let token: string;
let userId: string;

beforeAll(async () => {
  system = await startSystem();
  db = new pg.Client({ connectionString: testEnv().databaseUrl });
  await db.connect();
  person = await createKeycloakUser('staff', 'Foto', 'Grafie');
  token = await fetchToken('staff', person.username);
  const me = await eventually(
    () => fetch(`${system.url}/api/staff/v1/people/me`, { headers: { authorization: `Bearer ${token}` } }),
    (r) => r.status === 200,
    15_000,
  );
  userId = ((await me.json()) as { id: string }).id;
}, 60_000);

afterAll(async () => {
  if (person) await deleteKeycloakUser(person);
  await db?.end();
  await system?.close();
});

const upload = (body: Buffer, type = 'image/jpeg', extra: Record<string, string> = {}) =>
  fetch(`${system.url}/api/staff/v1/people/me/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': type, ...extra },
    body,
  });

/** Everything stored about the photo: the row (bytes included), the profile's version and photo events. */
async function stored() {
  const photo = await db.query('select version, thumb, medium from directory.photos where user_id = $1', [
    userId,
  ]);
  const profile = await db.query('select photo_version from directory.profiles where user_id = $1', [userId]);
  const events = await db.query(
    `select count(*)::int as n from directory.outbox where envelope->'data'->>'userId' = $1`,
    [userId],
  );
  return { photo: photo.rows, profile: profile.rows, events: events.rows[0].n as number };
}

async function expectRefused(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(text)).toMatchObject({ status, code, detail: expect.any(String) });
}

const fetchPhoto = async (size: 'thumb' | 'medium') => {
  const res = await fetch(`${system.url}/api/staff/v1/people/${userId}/photo?size=${size}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/webp');
  return Buffer.from(await res.arrayBuffer());
};

/** A PNG that claims huge dimensions in a few hundred bytes (a decompression bomb's header). */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('profile photo upload', () => {
  it.each([
    ['PNG', 'png', 'image/png'],
    ['JPEG', 'jpeg', 'image/jpeg'],
    ['WebP', 'webp', 'application/octet-stream'],
  ] as const)(
    'a %s is accepted and re-encoded to a square thumb and medium WebP',
    async (_n, format, type) => {
      const input = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#c33' } })
        .toFormat(format)
        .toBuffer();
      const res = await upload(input, type);
      const body = (await res.json()) as { photo: { thumb: string; medium: string } };
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(body.photo.thumb).toContain(`/api/staff/v1/people/${userId}/photo?size=thumb&v=`);
      const thumb = await sharp(await fetchPhoto('thumb')).metadata();
      const medium = await sharp(await fetchPhoto('medium')).metadata();
      expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 128, 128]);
      expect([medium.format, medium.width, medium.height]).toEqual(['webp', 512, 512]);
      expect((await stored()).photo).toHaveLength(1);
    },
  );

  it('the bomb used below is a well-formed PNG that claims its size in under 2 kB', async () => {
    const bomb = pngBomb(100_000, 100_000);
    const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 100_000, 100_000]);
    expect(bomb.length).toBeLessThan(2_000);
  });

  it('re-encoding drops the metadata (no EXIF, so no GPS position)', async () => {
    const input = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#39c' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Geheim', Copyright: 'Niet delen' } })
      .toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    expect((await upload(input)).status).toBe(200);
    const medium = await fetchPhoto('medium');
    expect((await sharp(medium).metadata()).exif).toBeUndefined();
    expect(medium.toString('latin1')).not.toContain('Geheim');
  });

  it.each([
    [
      'an executable renamed .jpg',
      () => readFileSync(process.execPath).subarray(0, 256 * 1024),
      415,
      'unsupported_image',
    ],
    ['a script with an image type', () => Buffer.from('#!/bin/sh\nrm -rf /\n'), 415, 'unsupported_image'],
    ['a 0-byte file', () => Buffer.alloc(0), 400, 'empty_file'],
    [
      'a file over the limit',
      () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]),
      413,
      'content_too_large',
    ],
    [
      'an image bomb (100,000 × 100,000 px in a small file)',
      () => pngBomb(100_000, 100_000),
      422,
      'image_too_large',
    ],
    [
      'an image bomb within the side limit (9,000 × 9,000 px)',
      () => pngBomb(9_000, 9_000),
      422,
      'image_too_large',
    ],
    [
      'a damaged JPEG',
      () =>
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg'.repeat(50))]),
      422,
      'unreadable_image',
    ],
  ])('%s is refused with a clear 4xx and nothing is stored', async (_name, make, status, code) => {
    const before = await stored();
    expect(before.photo).toHaveLength(1); // the photo from the accepted uploads
    await expectRefused(
      await upload(make(), 'image/jpeg', { 'content-disposition': 'attachment; filename="vakantie.jpg"' }),
      status,
      code,
    );
    expect(await stored()).toEqual(before);
  });

  it('only the photo route takes a binary body: elsewhere an image is still 415', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const res = await fetch(`${system.url}/api/staff/v1/people/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    });
    await expectRefused(res, 415, 'unsupported_media_type');
  });

  it('keeps what is on the photo (alt text) with it; a bad alt text is refused and stores nothing', async () => {
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#2a7' } })
      .png()
      .toBuffer();
    const alt = 'Foto Grafie lacht, met een groene muur achter haar';
    const res = await fetch(`${system.url}/api/staff/v1/people/me/photo?alt=${encodeURIComponent(alt)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { photo: { alt?: string } }).photo.alt).toBe(alt);
    // A colleague's view of the person carries it too.
    const colleague = await fetchToken('staff', 'staff.employee');
    const seen = await fetch(`${system.url}/api/staff/v1/people/${userId}`, {
      headers: { authorization: `Bearer ${colleague}` },
    });
    expect(((await seen.json()) as { photo: { alt?: string } }).photo.alt).toBe(alt);
    const before = await stored();
    const tooLong = await fetch(`${system.url}/api/staff/v1/people/me/photo?alt=${'x'.repeat(201)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    });
    await expectRefused(tooLong, 400, 'bad_request');
    const blank = await fetch(`${system.url}/api/staff/v1/people/me/photo?alt=%20%20`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    });
    await expectRefused(blank, 400, 'bad_request');
    expect(await stored()).toEqual(before);
  });

  it('a photo can be removed', async () => {
    const res = await fetch(`${system.url}/api/staff/v1/people/me/photo`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { photo: unknown }).photo).toBeNull();
    expect((await stored()).photo).toHaveLength(0);
    const gone = await fetch(`${system.url}/api/staff/v1/people/${userId}/photo`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(gone.status).toBe(404);
  });
});
