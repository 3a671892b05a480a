import { z } from 'zod';

/** Staff are colleagues in the smoelenboek; clients appear only on the client intranet, when they opted in. */
export const PersonKind = z.enum(['staff', 'client']);
export type PersonKind = z.infer<typeof PersonKind>;

/** What an opted-in client may choose to show besides the first name (default: the photo only). */
export const ClientSharedField = z.enum(['photo', 'lastName', 'about', 'languages', 'skills', 'locations']);
export type ClientSharedField = z.infer<typeof ClientSharedField>;
export const DEFAULT_CLIENT_SHARED_FIELDS: ClientSharedField[] = ['photo'];

/** `alt`: what is on the photo, in its owner's words (given with the upload; older photos have none). */
export const PhotoLinks = z.object({ thumb: z.string(), medium: z.string(), alt: z.string().optional() });
export type PhotoLinks = z.infer<typeof PhotoLinks>;

/**
 * A person as one reader may know them wherever they appear (an author, a mention, a follow, a group member, a
 * read confirmation): decided by the person rule (`@plein/auth` person.rule.ts). `kind` tells staff from clients,
 * so a client can never pass for a medewerker; `photo` only when the reader may see it.
 */
export const PersonCard = z.object({
  id: z.uuid(),
  kind: PersonKind,
  displayName: z.string(),
  photo: PhotoLinks.optional(),
});
export type PersonCard = z.infer<typeof PersonCard>;
