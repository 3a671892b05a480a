import type { Audience } from '@plein/auth';
import type { Intranet, SearchType } from '@plein/contracts';

/** One item in the index: what is found, and the visibility fields the rule needs. */
export interface SearchDocument {
  type: SearchType;
  id: string;
  intranet: Intranet;
  audience: Audience;
  groupId: string | null;
  authorId: string | null;
  namedUserIds: string[];
  hidden: boolean;
  title: string;
  body: string;
  updatedAt: string;
  /** For comments: `type:id` of the item whose visibility they share. */
  parent?: string | null;
}

/** A comment-like item: it takes every visibility field from its parent's views. */
export interface ChildDocument {
  type: SearchType;
  id: string;
  title: string;
  body: string;
  updatedAt: string;
}

export const parentKey = (ref: DocumentRef): string => `${ref.type}:${ref.id}`;

export interface DocumentRef {
  type: SearchType;
  id: string;
}

/** A document is stored per (type, id, intranet): a person can have a staff view and a narrower client view. */
export const documentKey = (d: { type: string; id: string; intranet: string }): string =>
  `${d.type}-${d.id}-${d.intranet}`;
