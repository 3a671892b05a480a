import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Intranet, Notification, NotificationKind, Principal } from '@plein/contracts';
import nodemailer, { type Transporter } from 'nodemailer';
import {
  BroadcastReadEntity,
  NotificationEntity,
  PersonEntity,
  PreferenceEntity,
  type PersonRow,
} from './entities/index.js';
import type { NotificationsConfig } from './notifications.config.js';
import { portalUrl, views } from './notification.views.js';
import { ReaderService } from './reader.service.js';
import { candidates } from './repositories/notification.reads.js';
import { BROADCAST_DAYS } from './notification.service.js';
import { NOTIFICATIONS_CONFIG } from './tokens.js';

/** How one notification reads in the digest (Dutch; the portals have their own words). */
export function describe(n: Notification): string {
  const who = n.actor?.displayName ?? 'Iemand';
  const title = n.data.title ? ` “${n.data.title}”` : '';
  switch (n.kind) {
    case 'mention':
      return `${who} noemde je in een bericht`;
    case 'comment':
      return `${who} reageerde op je bericht`;
    case 'reaction':
      return n.data.count && n.data.count > 1
        ? `${n.data.count} mensen reageerden op je bericht`
        : `${who} reageerde op je bericht`;
    case 'answer':
      return `${who} gaf een antwoord op ${n.data.mine ? 'je vraag' : 'een vraag die je volgt'}${title}`;
    case 'accepted':
      return `Je antwoord op${title || ' een vraag'} is gekozen als beste antwoord`;
    case 'submission':
      return `Je artikel${title}: ${{ submitted: 'ingediend', returned: 'teruggestuurd', rejected: 'afgewezen', published: 'gepubliceerd' }[n.data.state ?? 'submitted']}`;
    case 'report':
      return `Je melding is behandeld: ${{ hide: 'het bericht is verborgen', restore: 'het bericht is teruggezet', dismiss: 'er is niets aangepast' }[n.data.action ?? 'dismiss']}`;
    case 'promotion':
      return `Je hebt een plek bij${title}`;
    case 'reminder':
      return `Morgen:${title}`;
    case 'announcement':
      return `Lees en bevestig de mededeling${title}`;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The optional daily e-mail digest (off unless SMTP_URL is set): once a day, after DIGEST_HOUR, each person who
 * chose `digest` for some kind and whose e-mail address identity told us gets the unread notifications of those
 * kinds not mailed before, as they may read them now (the same rules as the list), with links to the portal.
 */
@Injectable()
export class DigestService implements OnApplicationShutdown {
  private readonly logger = new Logger('DigestService');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Checks every few minutes whether today's digest is due (only when SMTP is configured). */
  startSchedule(): void {
    if (!this.config.SMTP_URL) return;
    this.timer = setInterval(() => {
      const now = new Date();
      if (now.getHours() >= this.config.DIGEST_HOUR && !this.running)
        this.running = this.run(now)
          .catch((err: unknown) => this.logger.error(`digest failed: ${String(err)}`))
          .finally(() => (this.running = undefined));
    }, 5 * 60_000);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sends today's digests that are due (a person gets at most one a day); returns how many were sent. */
  async run(now = new Date()): Promise<{ sent: number }> {
    if (!this.config.SMTP_URL) return { sent: 0 };
    const today = new Date(now);
    today.setHours(this.config.DIGEST_HOUR, 0, 0, 0);
    const em = this.em.fork();
    const prefs = await em.find(PreferenceEntity, { channel: 'digest' });
    const byUser = new Map<string, Set<NotificationKind>>();
    for (const p of prefs) byUser.set(p.userId, (byUser.get(p.userId) ?? new Set()).add(p.kind));
    if (byUser.size === 0) return { sent: 0 };
    const people = await em.find(PersonEntity, { userId: { $in: [...byUser.keys()] }, email: { $ne: null } });
    const transport = nodemailer.createTransport(this.config.SMTP_URL);
    let sent = 0;
    try {
      for (const person of people) {
        if (person.lastDigestAt && person.lastDigestAt >= today) continue;
        // claimed first, so two replicas never both send one person's digest
        const claimed = await this.em
          .fork()
          .nativeUpdate(
            PersonEntity,
            { userId: person.userId, $or: [{ lastDigestAt: null }, { lastDigestAt: { $lt: today } }] },
            { lastDigestAt: now },
          );
        if (claimed === 0) continue;
        if (await this.sendOne(transport, person, byUser.get(person.userId)!, now)) sent++;
      }
    } finally {
      transport.close();
    }
    return { sent };
  }

  private async sendOne(
    transport: Transporter,
    person: PersonRow,
    kinds: Set<NotificationKind>,
    now: Date,
  ): Promise<boolean> {
    const intranets: Intranet[] = person.realm === 'staff' ? ['staff', 'client'] : ['client'];
    const sections: { intranet: Intranet; items: Notification[] }[] = [];
    const shownIds: { id: string; broadcast: boolean }[] = [];
    for (const intranet of intranets) {
      const principal: Principal = {
        realm: person.realm,
        intranet,
        userId: person.userId,
        subject: person.userId,
        username: person.username,
        displayName: person.displayName,
        roles: person.roles as Principal['roles'],
        groupIds: [],
      };
      const reader = await this.readers.of(principal);
      const rows = (
        await candidates(this.em.fork(), {
          userId: person.userId,
          intranet,
          broadcastSince: new Date(now.getTime() - BROADCAST_DAYS * 86_400_000),
          unreadOnly: true,
          notDigested: true,
        })
      ).filter((n) => kinds.has(n.kind) && reader.canRead(n.content));
      if (rows.length === 0) continue;
      shownIds.push(...rows.map((n) => ({ id: n.id, broadcast: n.userId === null })));
      sections.push({ intranet, items: await views(this.em.fork(), rows, principal) });
    }
    const em = this.em.fork();
    if (sections.length > 0) {
      const count = sections.reduce((n, s) => n + s.items.length, 0);
      const lines = sections.flatMap((s) =>
        s.items.map((n) => ({
          text: describe(n),
          url: portalUrl(this.config.PORTAL_URL, s.intranet, n.link),
        })),
      );
      await transport.sendMail({
        from: this.config.DIGEST_FROM,
        to: person.email!,
        subject: count === 1 ? 'Plein: 1 nieuwe melding voor je' : `Plein: ${count} nieuwe meldingen voor je`,
        text: [
          `Hallo ${person.displayName},`,
          '',
          'Dit is er nieuw voor je op Plein:',
          '',
          ...lines.map((l) => `- ${l.text}\n  ${l.url}`),
          '',
          `Alle meldingen: ${portalUrl(this.config.PORTAL_URL, person.realm === 'staff' ? 'staff' : 'client', '/meldingen')}`,
          'Je krijgt deze e-mail omdat je dat zo hebt ingesteld bij je meldingen.',
        ].join('\n'),
        html: `<p>Hallo ${escapeHtml(person.displayName)},</p><p>Dit is er nieuw voor je op Plein:</p><ul>${lines
          .map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`)
          .join('')}</ul>`,
      });
    }
    await em.transactional(async (tx) => {
      const own = shownIds.filter((s) => !s.broadcast).map((s) => s.id);
      if (own.length) await tx.nativeUpdate(NotificationEntity, { id: { $in: own } }, { digestedAt: now });
      for (const b of shownIds.filter((s) => s.broadcast))
        await tx.upsert(
          BroadcastReadEntity,
          { notificationId: b.id, userId: person.userId, readAt: null, digestedAt: now },
          {
            onConflictFields: ['notificationId', 'userId'],
            onConflictAction: 'merge',
            onConflictMergeFields: ['digestedAt'],
          },
        );
    });
    return sections.length > 0;
  }
}
