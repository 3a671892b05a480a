import { Controller, Injectable } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErasureRequested, type PersonalData, personalDataExport } from '@plein/contracts';
import { type ConsumerSpec, handleRpc, confirmErasure } from '@plein/messaging';
import { SERVICE } from './activities.config.js';
import { CalendarFeedEntity } from './entities/calendar-feed.entity.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';
import { SignupRepository } from './repositories/signup.repository.js';
import { promoteWaiting } from './waitlist.js';

const ExportRpc = personalDataExport(SERVICE);

/**
 * The right to erasure: the person's sign-ups go (each freed place goes to the waiting list, with its
 * `SignupPromoted`), their calendar feed and person facts go, and where they organised an activity or signed a
 * client up, their id is removed (the activity stays for its participants). One transaction, with the
 * confirmation in its outbox; a redelivered request finds nothing left and confirms again.
 */
export const erasureConsumer: ConsumerSpec<typeof ErasureRequested.data> = {
  durable: 'activities-erasure',
  event: ErasureRequested,
  handle: async (tx, data) => {
    const signups = new SignupRepository(tx);
    const activities = new ActivityRepository(tx);
    let removedSignups = 0;
    for (const s of await signups.ofUser(data.userId)) {
      const a = await activities.findForUpdate(s.activityId);
      const fresh = await signups.find(s.activityId, data.userId);
      if (!fresh) continue;
      signups.remove(fresh);
      await tx.flush();
      removedSignups++;
      if (a && fresh.state === 'confirmed' && a.startsAt.getTime() > Date.now()) await promoteWaiting(tx, a);
    }
    const made = await signups.signedUpBy(data.userId);
    for (const s of made) s.signedUpById = null;
    const organised = await activities.organisedBy(data.userId);
    for (const a of organised) a.organiserId = null;
    const feeds = await tx.nativeDelete(CalendarFeedEntity, { userId: data.userId });
    const facts = await new PersonFactsRepository(tx).forget(data.userId);
    await tx.flush();
    confirmErasure(tx, SERVICE, data, {
      removed: { signups: removedSignups, calendarFeeds: feeds, personFacts: facts },
      anonymised: { organisedActivities: organised.length, signupsMadeForOthers: made.length },
    });
  },
};

@Injectable()
export class PrivacyService {
  constructor(private readonly em: EntityManager) {}

  /** What activities holds of one person: their sign-ups, what they organised, whether they have a feed. */
  async export(userId: string): Promise<PersonalData> {
    const signups = await new SignupRepository(this.em).ofUser(userId);
    const repo = new ActivityRepository(this.em);
    const byId = new Map((await repo.byIds(signups.map((s) => s.activityId))).map((a) => [a.id, a]));
    const organised = await repo.organisedBy(userId);
    const feed = await this.em.findOne(CalendarFeedEntity, { userId });
    return {
      service: SERVICE,
      sections: {
        signups: signups.map((s) => ({
          activityId: s.activityId,
          title: byId.get(s.activityId)?.title ?? null,
          startsAt: byId.get(s.activityId)?.startsAt.toISOString() ?? null,
          state: s.state,
          signedUpByMentor: s.signedUpById !== null,
          signedUpAt: s.queuedAt.toISOString(),
        })),
        organisedActivities: organised.map((a) => ({
          id: a.id,
          title: a.title,
          intranet: a.intranet,
          startsAt: a.startsAt.toISOString(),
        })),
        calendarFeed: feed ? [{ createdAt: feed.createdAt.toISOString() }] : [],
      },
    };
  }
}

/** `activities.privacy.export`: only the gateway may ask (for `GET /me/export`). */
@Controller()
export class PrivacyHandler {
  constructor(private readonly privacy: PrivacyService) {}

  @MessagePattern(ExportRpc.pattern)
  export(@Payload() raw: unknown) {
    return handleRpc(ExportRpc, raw, ({ userId }) => this.privacy.export(userId));
  }
}
