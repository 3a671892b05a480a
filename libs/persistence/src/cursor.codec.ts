import { badRequest } from '@plein/contracts';
import type { z } from 'zod';

/**
 * The one cursor codec for keyset and offset pagination: a list's position (its sort key, an offset) as an
 * opaque URL-safe string, and back. What comes back is checked against the list's own schema, so a forged or
 * foreign cursor is a 400 naming the list, never a query with odd values.
 */
export interface CursorCodec<T> {
  encode(position: T): string;
  /** The position, or a 400 `message` when the cursor is not one this list gave out. */
  decode(cursor: string): T;
}

export function cursorCodec<S extends z.ZodType>(schema: S, message: string): CursorCodec<z.output<S>> {
  return {
    encode: (position) => Buffer.from(JSON.stringify(position)).toString('base64url'),
    decode: (cursor) => {
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw badRequest(message);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw badRequest(message);
      return parsed.data;
    },
  };
}
