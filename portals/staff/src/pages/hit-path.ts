import type { SearchHit } from '@plein/ui';

/** Where a hit leads inside the staff portal. */
export function hitPath(hit: Pick<SearchHit, 'type' | 'id'>): string | undefined {
  switch (hit.type) {
    case 'post':
    case 'article':
      return `/berichten/${hit.id}`;
    case 'person':
      return `/mensen/${hit.id}`;
    case 'question':
      return `/kennisbank/${hit.id}`;
    case 'handbook':
      return `/handboek/${hit.id}`;
    case 'document':
      return `/documenten/bestanden/${hit.id}`;
    case 'comment': // the hit names the comment, not its post
    case 'location':
    case 'team':
    case 'answer': // answers are found through their question
    case 'activity':
      // Locations, teams, documents and activities get their pages later.
      return undefined;
  }
}
