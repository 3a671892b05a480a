import { NotificationBell } from '@plein/ui';
import { STAFF_API } from './api';

/** The bell in the staff header: an icon with the unread count, live. */
export function StaffNotificationBell() {
  return <NotificationBell base={STAFF_API} />;
}
