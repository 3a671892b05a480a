import type { SearchHit } from '@plein/ui';

/** Where a hit leads inside the staff portal. */
export function hitPath(hit: Pick<SearchHit, 'type' | 'id'>): string | undefined {
  switch (hit.type) {
    case 'post':
    case 'article':
      return `/berichten/${hit.id}`;
    case 'person':
      return `/mensen/${hit.id}`;
    case 'comment': // the hit names the comment, not its post
    case 'location':
    case 'team':
    case 'question':
    case 'answer':
    case 'handbook':
    case 'document':
    case 'activity':
      // Locations, teams, the knowledge base, documents and activities get their pages later.
      return undefined;
  }
}
