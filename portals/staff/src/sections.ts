import type { IconName } from '@plein/ui';

/**
 * The staff portal's sections, in menu order. The menu shows only what exists: a section whose service is
 * still being built is listed with `live: false` and stays out of the menu (no link to "Niet gevonden").
 * The work that lands its service adds the page (a route in app.tsx, its label in messages.ts) and sets
 * `live: true`: the section lights up.
 */
export interface Section {
  to: string;
  /** Message key of its menu label. */
  label: string;
  icon: IconName;
  live: boolean;
  /** Only for people with this realm role. */
  role?: string;
}

export const SECTIONS: Section[] = [
  { to: '/', label: 'nav.home', icon: 'home', live: true },
  { to: '/groepen', label: 'nav.groups', icon: 'group', live: true },
  { to: '/smoelenboek', label: 'nav.people', icon: 'people', live: true },
  // the activities service (agenda, sign-ups)
  { to: '/activiteiten', label: 'nav.activities', icon: 'clock', live: true },
  { to: '/kennisbank', label: 'nav.knowledge', icon: 'info', live: true },
  { to: '/handboek', label: 'nav.handbook', icon: 'shield', live: true },
  // the documents service (document library)
  { to: '/documenten', label: 'nav.documents', icon: 'folder', live: true },
  { to: '/zoeken', label: 'nav.search', icon: 'search', live: true },
  { to: '/profiel', label: 'nav.profile', icon: 'user', live: true },
  // the notifications service is reached from the bell in the header (/meldingen), not from the menu
  // the moderation service: writing for the news, the editorial queue, the report queue, the audit log
  { to: '/insturen', label: 'mod.nav.submit', icon: 'pencil', live: true },
  { to: '/redactie', label: 'mod.nav.editorial', icon: 'megaphone', live: true, role: 'editor' },
  { to: '/moderatie', label: 'mod.nav.reports', icon: 'eye', live: true, role: 'moderator' },
  // identity: a mentor's client accounts
  { to: '/mijn-clienten', label: 'nav.clients', icon: 'people', live: true, role: 'mentor' },
  { to: '/beheer', label: 'nav.admin', icon: 'shield', live: true, role: 'admin' },
  { to: '/logboek', label: 'mod.nav.audit', icon: 'clock', live: true, role: 'admin' },
];

/** The menu for someone with these roles: the live sections they may use. */
export const menuSections = (roles: readonly string[]): Section[] =>
  SECTIONS.filter((s) => s.live && (!s.role || roles.includes(s.role)));
