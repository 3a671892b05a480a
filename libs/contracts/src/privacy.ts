import { z } from 'zod';
import { defineEvent } from './events.js';
import { Realm } from './principal.js';
import { defineRpc } from './rpc.js';

/**
 * The right to erasure and the right to one's data (AVG), as every service takes part in them.
 *
 * Erasure: identity publishes `plein.identity.erasure.requested`; every service in `ERASURE_PARTICIPANTS`
 * consumes it with a durable consumer of its own (`<service>-erasure`), removes or anonymises what it holds
 * of that person in one transaction, and in that same transaction writes `plein.<service>.erasure.confirmed`
 * to its outbox. Identity records each confirmation and flags a participant that has not confirmed within
 * `ERASURE_DEADLINE_SECONDS`. Handling is idempotent: a redelivered request confirms again, changes nothing.
 *
 * Export: the gateway asks every participant over `<service>.privacy.export` for what it holds of the caller
 * and puts the answers together for `GET /me/export`. An export holds the person's own data and the content
 * they made, never someone else's private content.
 */
export const ERASURE_PARTICIPANTS = [
  'identity',
  'directory',
  'timelines',
  'knowledge',
  'search',
  'documents',
  'moderation',
  'activities',
  'notifications',
] as const;
export const ErasureParticipant = z.enum(ERASURE_PARTICIPANTS);
export type ErasureParticipant = z.infer<typeof ErasureParticipant>;

/** How long a participant may take before the erasure report flags it. */
export const ERASURE_DEADLINE_SECONDS = 60;

/** How erased authorship is shown: "oud-medewerker" (staff) or "oud-deelnemer" (client). */
export const FORMER_PERSON_LABEL = { staff: 'oud-medewerker', clients: 'oud-deelnemer' } as const;

export const ErasureRequested = defineEvent(
  'plein.identity.erasure.requested',
  z.object({
    erasureId: z.uuid(),
    userId: z.uuid(),
    realm: Realm,
    /** Who asked: an admin's user id, or null when the account was deleted in Keycloak. */
    byUserId: z.uuid().nullable(),
    requestedAt: z.iso.datetime(),
  }),
);

export const ErasureConfirmation = z.object({
  erasureId: z.uuid(),
  userId: z.uuid(),
  service: ErasureParticipant,
  /** What was done, counted per kind (for the report), e.g. `{ posts: 3, comments: 1 }`. Never content. */
  removed: z.record(z.string(), z.number().int().nonnegative()),
  anonymised: z.record(z.string(), z.number().int().nonnegative()),
  confirmedAt: z.iso.datetime(),
});
export type ErasureConfirmation = z.infer<typeof ErasureConfirmation>;

/** The event a participant writes to its outbox when it has erased the person: `plein.<service>.erasure.confirmed`. */
export const erasureConfirmed = (service: ErasureParticipant) =>
  defineEvent(`plein.${service}.erasure.confirmed`, ErasureConfirmation);

export const PersonalDataRequest = z.object({ userId: z.uuid() });
export const PersonalData = z.object({
  service: ErasureParticipant,
  /** Named sections, each a list of records, e.g. `{ posts: [...], comments: [...] }`. */
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonalData = z.infer<typeof PersonalData>;

/** Everything `<service>` holds about one person, for `GET /me/export`. Only the gateway may call it. */
export const personalDataExport = (service: ErasureParticipant) =>
  defineRpc(`${service}.privacy.export`, PersonalDataRequest, PersonalData, { needsPrincipal: false });
