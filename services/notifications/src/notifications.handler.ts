import { EntityManager } from '@mikro-orm/postgresql';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationsRpc as R, personalDataExport } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { DigestService } from './digest.service.js';
import { NotificationService } from './notification.service.js';
import { PreferenceService } from './preference.service.js';
import { exportPersonalData } from './privacy.js';

const exportRpc = personalDataExport('notifications');

/** One line per message; the work is in the services. */
@Controller()
export class NotificationsHandler {
  constructor(
    private readonly notifications: NotificationService,
    private readonly preferences: PreferenceService,
    private readonly digest: DigestService,
    private readonly em: EntityManager,
  ) {}

  @MessagePattern(R.list.pattern)
  list(@Payload() raw: unknown) {
    return handleRpc(R.list, raw, (q, p) => this.notifications.list(q, p!));
  }

  @MessagePattern(R.get.pattern)
  get(@Payload() raw: unknown) {
    return handleRpc(R.get, raw, ({ id }, p) => this.notifications.get(id, p!));
  }

  @MessagePattern(R.unreadCount.pattern)
  unreadCount(@Payload() raw: unknown) {
    return handleRpc(R.unreadCount, raw, (_q, p) => this.notifications.unreadCount(p!));
  }

  @MessagePattern(R.markRead.pattern)
  markRead(@Payload() raw: unknown) {
    return handleRpc(R.markRead, raw, ({ id }, p) => this.notifications.markRead(id, p!));
  }

  @MessagePattern(R.markAllRead.pattern)
  markAllRead(@Payload() raw: unknown) {
    return handleRpc(R.markAllRead, raw, (_q, p) => this.notifications.markAllRead(p!));
  }

  @MessagePattern(R.getPreferences.pattern)
  getPreferences(@Payload() raw: unknown) {
    return handleRpc(R.getPreferences, raw, (_q, p) => this.preferences.get(p!));
  }

  @MessagePattern(R.setPreferences.pattern)
  setPreferences(@Payload() raw: unknown) {
    return handleRpc(R.setPreferences, raw, (q, p) => this.preferences.set(q, p!));
  }

  @MessagePattern(R.runDigest.pattern)
  runDigest(@Payload() raw: unknown) {
    return handleRpc(R.runDigest, raw, () => this.digest.run());
  }

  @MessagePattern(exportRpc.pattern)
  exportData(@Payload() raw: unknown) {
    return handleRpc(exportRpc, raw, ({ userId }) => exportPersonalData(this.em.fork(), userId));
  }
}
