import { type ReactNode, createContext, useContext } from 'react';

interface Viewer {
  /** The identity service's id of the logged-in person (`GET /me`), once the portal knows it. */
  id?: string;
  /** When this person's previous visit ended (in this browser): what came after it is new to them. */
  since?: string;
}

/** Who is reading. Posts use it to offer their author "edit" and "delete", and to mark what is new. */
const ViewerContext = createContext<Viewer>({});

export function ViewerProvider({ id, since, children }: Viewer & { children: ReactNode }) {
  return <ViewerContext.Provider value={{ id, since }}>{children}</ViewerContext.Provider>;
}

export const useViewerId = (): string | undefined => useContext(ViewerContext).id;
export const useSince = (): string | undefined => useContext(ViewerContext).since;

/** A visit ends after half an hour without opening Plein; a reload within a visit keeps its markers. */
const VISIT_GAP_MS = 30 * 60_000;

/**
 * The start of what is new to this person: when their previous visit ended, kept in this browser only
 * (until the notifications service keeps read state on the server). Undefined on a first visit: then
 * nothing is marked. The key is a hash of the account, so the browser keeps no user names.
 */
export function previousVisit(
  account: string,
  now = Date.now(),
  storage = globalThis.localStorage,
): string | undefined {
  if (!storage) return undefined;
  const key = `plein.visit.${hash(account)}`;
  let stored: { previous?: number; last?: number } = {};
  try {
    stored = JSON.parse(storage.getItem(key) ?? '{}') as typeof stored;
  } catch {
    stored = {};
  }
  const previous =
    stored.last !== undefined && now - stored.last > VISIT_GAP_MS ? stored.last : stored.previous;
  storage.setItem(key, JSON.stringify({ previous, last: now }));
  return previous === undefined ? undefined : new Date(previous).toISOString();
}

export const isNewSince = (createdAt: string, since: string | undefined): boolean =>
  since !== undefined && Date.parse(createdAt) > Date.parse(since);

/** FNV-1a, 32 bits: enough to tell accounts apart in one browser, not to read them back. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
