import { NotificationPreferencesView, NotificationsView } from '@plein/ui';
import { STAFF_API } from '../api';

export function NotificationsPage() {
  return <NotificationsView base={STAFF_API} settings="/meldingen/instellingen" />;
}

export function NotificationPreferencesPage() {
  return <NotificationPreferencesView base={STAFF_API} />;
}
