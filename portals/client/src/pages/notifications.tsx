import { NotificationsView } from '@plein/ui';
import { CLIENT_API } from '../api';

export function NotificationsPage() {
  return <NotificationsView base={CLIENT_API} />;
}
