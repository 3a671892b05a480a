import { NotificationBell } from '@plein/ui';
import { CLIENT_API } from './api';

/** The client header's bell: big plain words, "3 nieuwe berichten voor jou". */
export function ClientNotificationBell() {
  return <NotificationBell base={CLIENT_API} plain />;
}
