import type { IconName } from '@plein/ui';

/**
 * The client portal's sections, in menu order: few choices, each with an icon and a word. The menu shows only
 * what exists: a section whose service is still being built is listed with `live: false` and stays out of the
 * menu. The work that lands its service adds the page (a route in app.tsx, its label in messages.ts) and sets
 * `live: true`: the section lights up.
 */
export interface Section {
  to: string;
  /** Message key of its menu label. */
  label: string;
  icon: IconName;
  live: boolean;
  /** Only for people with one of these realm roles. */
  roles?: string[];
}

export const SECTIONS: Section[] = [
  { to: '/', label: 'nav.timeline', icon: 'home', live: true },
  // the activities service (what there is to do, signing up)
  { to: '/activiteiten', label: 'nav.activities', icon: 'clock', live: true },
  { to: '/mensen', label: 'nav.people', icon: 'people', live: true },
  // the notifications service is reached from the plain-words bell in the header (/meldingen), not from the menu
  { to: '/zoeken', label: 'nav.search', icon: 'search', live: true },
  { to: '/hoe-werkt-het', label: 'nav.howto', icon: 'info', live: true },
  // the documents service: house rules and forms meant for clients
  { to: '/papieren', label: 'nav.documents', icon: 'file', live: true },
  // the moderation service: writing for the news; the editorial board's queue
  { to: '/insturen', label: 'mod.nav.submit', icon: 'pencil', live: true },
  {
    to: '/redactie',
    label: 'mod.nav.editorial',
    icon: 'megaphone',
    live: true,
    roles: ['client-editor', 'editor'],
  },
  { to: '/profiel', label: 'nav.profile', icon: 'user', live: true },
];

/** The menu for someone with these roles: the live sections they may use. */
export const menuSections = (roles: readonly string[]): Section[] =>
  SECTIONS.filter((s) => s.live && (!s.roles || s.roles.some((r) => roles.includes(r))));
