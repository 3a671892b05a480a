import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationPreferencesPatch,
  type Principal,
} from '@plein/contracts';
import { PersonEntity, PreferenceEntity } from './entities/index.js';
import { NOTIFICATIONS_CONFIG } from './tokens.js';
import { Inject } from '@nestjs/common';
import type { NotificationsConfig } from './notifications.config.js';

/** Per kind: in the app, in the app and the daily digest, or off. A kind never chosen is `app`. */
@Injectable()
export class PreferenceService {
  constructor(
    private readonly em: EntityManager,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async get(principal: Principal): Promise<NotificationPreferences> {
    const em = this.em.fork();
    const rows = await em.find(PreferenceEntity, { userId: principal.userId });
    const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
    const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, chosen.get(k) ?? 'app'])) as Record<
      NotificationKind,
      NotificationChannel
    >;
    const person = await em.findOne(PersonEntity, { userId: principal.userId });
    return { kinds, digestAvailable: Boolean(this.config.SMTP_URL && person?.email) };
  }

  async set(patch: NotificationPreferencesPatch, principal: Principal): Promise<NotificationPreferences> {
    await this.em.fork().transactional(async (tx) => {
      for (const [kind, channel] of Object.entries(patch.kinds))
        await tx.upsert(
          PreferenceEntity,
          { userId: principal.userId, kind: kind as NotificationKind, channel },
          { onConflictFields: ['userId', 'kind'], onConflictAction: 'merge' },
        );
    });
    return this.get(principal);
  }
}
