import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS_NAME, personCard } from '@plein/auth';
import {
  type CancelResult,
  DirectoryRpc,
  type ParticipantList,
  PleinError,
  type Principal,
  type SignupResult,
  forbidden,
  notFound,
} from '@plein/contracts';
import { callRpc } from '@plein/messaging';
import type { z } from 'zod';
import { ActivityService, unprocessable } from './activity.service.js';
import type { Activity } from './entities/activity.entity.js';
import { ACTIVITIES_NATS_CLIENT, type ActivityReader, ReaderService } from './reader.service.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { PersonFactsRepository } from './repositories/person-facts.repository.js';
import { SignupRepository } from './repositories/signup.repository.js';
import { promoteWaiting } from './waitlist.js';

/** Whom a sign-up is for: the caller, or a client of the calling mentor. */
interface Target {
  userId: string;
  kind: 'staff' | 'client';
  byMentor: boolean;
}

/** Signing up, cancelling (the waiting list moves up) and the participant list. */
@Injectable()
export class SignupService {
  constructor(
    private readonly em: EntityManager,
    private readonly readers: ReaderService,
    @Inject(ACTIVITIES_NATS_CLIENT) private readonly nats: ClientProxy,
  ) {}

  async signup(id: string, forUserId: string | undefined, principal: Principal): Promise<SignupResult> {
    const reader = await this.readers.of(principal);
    const target = await this.target(forUserId, reader);
    return this.em.transactional(async (tx) => {
      // the row lock: every sign-up of this activity waits here for the one before it to commit
      const a = await ActivityService.readable(new ActivityRepository(tx), id, reader, true);
      this.assertFor(target, a);
      if (Date.now() > a.signupDeadline.getTime())
        throw unprocessable('signup_closed', 'Signing up for this activity closed', {
          signupDeadline: a.signupDeadline.toISOString(),
        });
      const signups = new SignupRepository(tx);
      if (await signups.find(a.id, target.userId))
        throw new PleinError(409, 'already_signed_up', 'Already signed up for this activity');
      const confirmed = await signups.countConfirmed(a.id);
      const state = confirmed < a.capacity ? 'confirmed' : 'waitlisted';
      const s = signups.create({
        activityId: a.id,
        userId: target.userId,
        personKind: target.kind,
        state,
        signedUpById: target.byMentor ? principal.userId : null,
      });
      await tx.flush();
      const placesLeft = Math.max(0, a.capacity - confirmed - (state === 'confirmed' ? 1 : 0));
      return state === 'confirmed'
        ? { activityId: a.id, userId: target.userId, state, placesLeft }
        : { activityId: a.id, userId: target.userId, state, position: await signups.position(s), placesLeft };
    });
  }

  async cancel(
    id: string,
    forUserId: string | undefined,
    principal: Principal,
  ): Promise<z.infer<typeof CancelResult>> {
    const reader = await this.readers.of(principal);
    const target = await this.target(forUserId, reader);
    return this.em.transactional(async (tx) => {
      const a = await ActivityService.readable(new ActivityRepository(tx), id, reader, true);
      this.assertFor(target, a);
      if (Date.now() >= a.startsAt.getTime())
        throw unprocessable('activity_started', 'This activity has already started');
      const signups = new SignupRepository(tx);
      const s = await signups.find(a.id, target.userId);
      if (!s) throw notFound('Not signed up for this activity');
      signups.remove(s);
      await tx.flush();
      // a confirmed place came free: the first on the waiting list gets it (one SignupPromoted each)
      await promoteWaiting(tx, a);
      const confirmed = await signups.countConfirmed(a.id);
      return {
        activityId: a.id,
        userId: target.userId,
        cancelled: true as const,
        placesLeft: Math.max(0, a.capacity - confirmed),
      };
    });
  }

  /** Who takes part, for the organiser (and administrators): people by the person rule. */
  async participants(id: string, principal: Principal): Promise<ParticipantList> {
    const reader = await this.readers.of(principal);
    const a = await ActivityService.readable(new ActivityRepository(this.em), id, reader);
    if (!reader.canManage(a)) throw forbidden('Only the organiser sees who takes part');
    const rows = await new SignupRepository(this.em).ofActivity(a.id);
    const facts = await new PersonFactsRepository(this.em).byIds(rows.map((r) => r.userId));
    let position = 0;
    const items: ParticipantList['items'] = [];
    for (const s of rows) {
      const f = facts.get(s.userId);
      // not (yet) in the directory's events: shown without a name; known and nobody to this reader: left out
      const person = f
        ? personCard(principal, f)
        : { id: s.userId, kind: s.personKind, displayName: ANONYMOUS_NAME[s.personKind] };
      if (s.state === 'waitlisted') position++;
      if (!person) continue;
      items.push({
        person,
        state: s.state,
        ...(s.state === 'waitlisted' ? { position } : {}),
        bySomeoneElse: s.signedUpById !== null,
        signedUpAt: s.queuedAt.toISOString(),
      });
    }
    return { activityId: a.id, capacity: a.capacity, items };
  }

  /**
   * For oneself, or a mentor for a client they coach: the directory says who coaches whom (asked at the moment
   * of the sign-up, so a hand-over counts at once).
   */
  private async target(forUserId: string | undefined, reader: ActivityReader): Promise<Target> {
    const me = reader.principal;
    if (!forUserId || forUserId === me.userId)
      return { userId: me.userId, kind: me.realm === 'staff' ? 'staff' : 'client', byMentor: false };
    if (!reader.isStaff) throw forbidden('Only a mentor signs up someone else');
    const { mentorId } = await callRpc(
      this.nats,
      DirectoryRpc.mentorOf,
      { clientId: forUserId },
      undefined,
      3000,
    );
    if (mentorId !== me.userId) throw forbidden('You can only sign up a client you coach');
    return { userId: forUserId, kind: 'client', byMentor: true };
  }

  /** A client can only take part in what the client intranet shows to every client. */
  private assertFor(target: Target, a: Activity): void {
    if (target.byMentor && (a.intranet !== 'client' || a.audience !== 'organization'))
      throw unprocessable(
        'not_for_this_client',
        'A client can be signed up only for activities of the client intranet open to everyone',
      );
  }
}
