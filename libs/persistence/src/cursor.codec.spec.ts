import { PleinError } from '@plein/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorCodec } from './cursor.codec.js';

describe('cursorCodec', () => {
  const codec = cursorCodec(z.tuple([z.string(), z.uuid()]), 'The cursor is not one this list gave out');
  const key: [string, string] = ['de vries', '0b5c0c2e-6d8f-4a8e-9a43-3f6f1c7d2a11'];

  it('gives back what it encoded, as an opaque URL-safe string', () => {
    const cursor = codec.encode(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor)).toEqual(key);
  });

  it.each(['forged', 'nonsense', '', Buffer.from('["x", "not-a-uuid"]').toString('base64url')])(
    'a cursor it did not give out (%j) is a 400 with the reason',
    (cursor) => {
      expect(() => codec.decode(cursor)).toThrow(PleinError);
      try {
        codec.decode(cursor);
      } catch (e) {
        expect((e as PleinError).status).toBe(400);
        expect((e as PleinError).message).toBe('The cursor is not one this list gave out');
      }
    },
  );
});
