import { assertNoPersonalData } from '@plein/auth';
import { GuardEnv, loadConfig } from '@plein/config';
import type { Principal } from '@plein/contracts';

let staffIntranet: boolean | undefined;

/**
 * The personal-data guard before a post or comment is stored: in the client intranet always, in the staff
 * intranet when `GUARD_STAFF_INTRANET=true`. Text that looks like a BSN, phone number, e-mail address, IBAN or
 * address answers 422 `personal_data` with `details.findings`, until the author sends `confirmPersonalData: true`.
 */
export function checkPersonalData(
  principal: Principal,
  texts: Record<string, string | undefined>,
  confirmed: boolean | undefined,
): void {
  staffIntranet ??= loadConfig(GuardEnv).GUARD_STAFF_INTRANET;
  if (principal.intranet === 'staff' && !staffIntranet) return;
  assertNoPersonalData(texts, confirmed);
}
