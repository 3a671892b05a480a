import type { AccountState } from '@plein/contracts';
import type { KnownAccount } from './account-state.service.js';

/** What one pass over a realm saw of one user in Keycloak. */
export interface ListedAccount {
  subject: string;
  enabled: boolean;
}

export interface AccountStateChange {
  subject: string;
  state: AccountState;
}

export interface AccountStateDecision {
  /** Known users whose state follows what Keycloak says of them (disabled, or enabled again). */
  changes: AccountStateChange[];
  /** Listed, enabled users to provision or update (through `ensure`); disabled users are never provisioned. */
  provision: string[];
  /**
   * Known users the listing did not contain: removed from Keycloak, once each is confirmed gone one by one.
   * Always empty unless the listing of the realm was complete.
   */
  removalCandidates: string[];
}

/**
 * The Keycloak sync's decision for one realm, from the users Plein knew before the pass and what the pass
 * listed. `complete` is true only when Keycloak answered every page: a failed or partial listing never
 * removes anyone (a user it did list may still be disabled or enabled again: that is what Keycloak said).
 */
export function decideAccountStates(
  known: readonly KnownAccount[],
  listed: readonly ListedAccount[],
  complete: boolean,
): AccountStateDecision {
  const stateOf = new Map(known.map((k) => [k.subject, k.state]));
  const seen = new Map<string, boolean>();
  // A user listed twice (pages shifting while a user is added) counts as disabled if either listing says so.
  for (const l of listed) seen.set(l.subject, (seen.get(l.subject) ?? true) && l.enabled);
  const changes: AccountStateChange[] = [];
  const provision: string[] = [];
  for (const [subject, enabled] of seen) {
    const current = stateOf.get(subject);
    const wanted: AccountState = enabled ? 'active' : 'disabled';
    if (current !== undefined && current !== wanted) changes.push({ subject, state: wanted });
    if (enabled) provision.push(subject);
  }
  const removalCandidates = complete
    ? known.filter((k) => k.state !== 'removed' && !seen.has(k.subject)).map((k) => k.subject)
    : [];
  return { changes, provision, removalCandidates };
}
