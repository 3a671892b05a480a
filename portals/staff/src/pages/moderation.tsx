import { type Report } from '@plein/ui';
import { AuditPage, ReportQueuePage, SubmissionQueuePage, WriteSubmissionPage } from '@plein/ui/moderation';
import { useAuditApi, useClientModerationApi, useStaffModerationApi } from '../api';

/** A member of staff writes for the staff news. */
export function StaffWriteSubmissionPage() {
  return <WriteSubmissionPage api={useStaffModerationApi()} />;
}

/** Editors: the queues of both intranets; they decide with a note. */
export function StaffSubmissionQueuePage() {
  const staff = useStaffModerationApi();
  const client = useClientModerationApi();
  return (
    <SubmissionQueuePage
      choices={[
        { intranet: 'staff', api: staff },
        { intranet: 'client', api: client },
      ]}
      canDecide
    />
  );
}

/** Where reported content is in this portal (client-intranet content is read in the client portal). */
function contentPath(r: Report, intranet: 'staff' | 'client'): string | undefined {
  const at = (path: string) => (intranet === 'staff' ? path : `/mijn${path}`);
  switch (r.contentType) {
    case 'post':
      return intranet === 'staff' ? `/berichten/${r.contentId}` : undefined;
    case 'comment':
      return intranet === 'staff' && r.parentId ? `/berichten/${r.parentId}` : undefined;
    case 'question':
      return intranet === 'staff' ? at(`/kennisbank/${r.contentId}`) : undefined;
    case 'answer':
      return intranet === 'staff' && r.parentId ? at(`/kennisbank/${r.parentId}`) : undefined;
    default:
      return undefined;
  }
}

/** Moderators: the open reports of both intranets. */
export function StaffReportQueuePage() {
  const staff = useStaffModerationApi();
  const client = useClientModerationApi();
  return (
    <ReportQueuePage
      choices={[
        { intranet: 'staff', api: staff },
        { intranet: 'client', api: client },
      ]}
      contentPath={contentPath}
    />
  );
}

/** Admins: the audit log. */
export function StaffAuditPage() {
  return <AuditPage api={useAuditApi()} />;
}
