import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ActivitiesRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { ActivityService } from './activity.service.js';
import { CalendarService } from './calendar.service.js';
import { SearchExportService } from './search-export.service.js';
import { SignupService } from './signup.service.js';

/** Activities, sign-ups and the calendar: one line per message, the work in the services. */
@Controller()
export class ActivityHandler {
  constructor(
    private readonly activities: ActivityService,
    private readonly signups: SignupService,
    private readonly calendars: CalendarService,
    private readonly exports: SearchExportService,
  ) {}

  @MessagePattern(R.list.pattern)
  list(@Payload() raw: unknown) {
    return handleRpc(R.list, raw, (q, p) => this.activities.list(q, p!));
  }

  @MessagePattern(R.create.pattern)
  create(@Payload() raw: unknown) {
    return handleRpc(R.create, raw, (q, p) => this.activities.create(q, p!));
  }

  @MessagePattern(R.get.pattern)
  get(@Payload() raw: unknown) {
    return handleRpc(R.get, raw, ({ id }, p) => this.activities.get(id, p!));
  }

  @MessagePattern(R.update.pattern)
  update(@Payload() raw: unknown) {
    return handleRpc(R.update, raw, ({ id, patch }, p) => this.activities.update(id, patch, p!));
  }

  @MessagePattern(R.remove.pattern)
  remove(@Payload() raw: unknown) {
    return handleRpc(R.remove, raw, ({ id }, p) => this.activities.remove(id, p!));
  }

  @MessagePattern(R.signup.pattern)
  signup(@Payload() raw: unknown) {
    return handleRpc(R.signup, raw, ({ id, forUserId }, p) => this.signups.signup(id, forUserId, p!));
  }

  @MessagePattern(R.cancel.pattern)
  cancel(@Payload() raw: unknown) {
    return handleRpc(R.cancel, raw, ({ id, forUserId }, p) => this.signups.cancel(id, forUserId, p!));
  }

  @MessagePattern(R.participants.pattern)
  participants(@Payload() raw: unknown) {
    return handleRpc(R.participants, raw, ({ id }, p) => this.signups.participants(id, p!));
  }

  @MessagePattern(R.calendar.pattern)
  calendar(@Payload() raw: unknown) {
    return handleRpc(R.calendar, raw, (_q, p) => this.calendars.secretOf(p!));
  }

  @MessagePattern(R.renewCalendar.pattern)
  renewCalendar(@Payload() raw: unknown) {
    return handleRpc(R.renewCalendar, raw, (_q, p) => this.calendars.renew(p!));
  }

  @MessagePattern(R.calendarFeed.pattern)
  feed(@Payload() raw: unknown) {
    return handleRpc(R.calendarFeed, raw, ({ secret }) => this.calendars.feed(secret));
  }

  @MessagePattern(R.searchExport.pattern)
  export(@Payload() raw: unknown) {
    return handleRpc(R.searchExport, raw, ({ cursor, limit }) => this.exports.page(cursor, limit));
  }
}
