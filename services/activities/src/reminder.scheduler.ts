import type { MikroORM } from '@mikro-orm/postgresql';
import { ActivityReminderDue } from '@plein/contracts';
import { recordEvent } from '@plein/messaging';
import type { Logger } from 'pino';
import { SERVICE } from './activities.config.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { SignupRepository } from './repositories/signup.repository.js';

const BATCH = 500;

/**
 * The reminder the day before: every interval, the confirmed participants of activities starting within the lead
 * time who were not reminded yet get one `ActivityReminderDue` each, and their sign-up is marked `reminded_at` in
 * the same transaction — so each participant of each occurrence is reminded once, also across restarts, and
 * replicas skip the rows another one holds (FOR UPDATE SKIP LOCKED). Someone promoted or signed up within the
 * lead time is reminded at the next tick.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly intervalMs: number,
    private readonly leadHours: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: unknown) => this.log.error({ err }, 'reminders failed; trying again next tick'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; answers how many reminders it emitted. */
  async tick(now = new Date()): Promise<number> {
    const until = new Date(now.getTime() + this.leadHours * 3600 * 1000);
    return this.orm.em.fork().transactional(async (tx) => {
      const activities = await new ActivityRepository(tx).startingBetween(now, until);
      const byId = new Map(activities.map((a) => [a.id, a]));
      const due = await new SignupRepository(tx).dueForReminder([...byId.keys()], BATCH);
      for (const s of due) {
        const a = byId.get(s.activityId)!;
        recordEvent(
          tx,
          ActivityReminderDue,
          {
            activityId: a.id,
            userId: s.userId,
            intranet: a.intranet,
            title: a.title,
            startsAt: a.startsAt.toISOString(),
            place: a.location,
          },
          SERVICE,
        );
        s.remindedAt = now;
      }
      return due.length;
    });
  }
}
