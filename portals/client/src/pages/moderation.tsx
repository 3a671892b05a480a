import { useSession, hasRole } from '@plein/ui';
import { SubmissionQueuePage, WriteSubmissionPage } from '@plein/ui/moderation';
import { useModerationApi } from '../api';

/** "Stuur een stuk in": a client (or a member of staff in the client intranet) writes for the news. */
export function ClientWriteSubmissionPage() {
  return <WriteSubmissionPage api={useModerationApi()} />;
}

/** The client editors' queue (read and comment); editors from the staff realm also decide here. */
export function ClientSubmissionQueuePage() {
  const session = useSession();
  const api = useModerationApi();
  return (
    <SubmissionQueuePage
      choices={[{ intranet: 'client', api }]}
      canDecide={session.realm === 'staff' && hasRole(session, 'editor')}
    />
  );
}
