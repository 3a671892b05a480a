import type { EntityManager } from '@mikro-orm/postgresql';
import { personCard } from '@plein/auth';
import type { Intranet, Notification, Principal } from '@plein/contracts';
import type { NotificationCandidate } from './repositories/notification.reads.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';

/**
 * Where a notification leads, as a path of the reader's portal (the client portal is served under `/mijn`:
 * `portalUrl` puts that in front).
 */
export function linkOf(n: Pick<NotificationCandidate, 'kind' | 'contentKey'>, intranet: Intranet): string {
  const [type = '', id = ''] = n.contentKey.split(':');
  switch (type) {
    case 'post':
      return `/berichten/${id}`;
    case 'question':
      return intranet === 'staff' ? `/kennisbank/${id}` : '/meldingen';
    case 'signup':
      return `/activiteiten/${id}`;
    default:
      return '/meldingen';
  }
}

/** The full URL of a portal path for one intranet (the digest's links). */
export const portalUrl = (base: string, intranet: Intranet, path: string): string =>
  `${base.replace(/\/$/, '')}${intranet === 'client' ? '/mijn' : ''}${path}`;

/** Notifications as this reader is shown them: actors by the person rule (an unknown person: no actor). */
export async function views(
  em: EntityManager,
  items: NotificationCandidate[],
  reader: Principal,
): Promise<Notification[]> {
  const facts = await new PersonFactsRepository(em).byIds(
    items.flatMap((n) => (n.actorId ? [n.actorId] : [])),
  );
  const who = { realm: reader.realm, intranet: reader.intranet, userId: reader.userId };
  return items.map((n) => {
    const person = n.actorId ? facts.get(n.actorId) : undefined;
    const actor = person ? personCard(who, person) : null;
    return {
      id: n.id,
      kind: n.kind,
      ...(actor ? { actor } : {}),
      data: n.data,
      link: linkOf(n, reader.intranet),
      read: n.read,
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    };
  });
}
