import { definePersonFactsEntity } from '@plein/persistence';

/**
 * The directory's facts about a person — what the person rule of `@plein/auth` needs (kind, names, opt-in, shared
 * fields, photo version, active) — copied from `plein.directory.profile.created|updated` (the shared entity of
 * `@plein/persistence`, table `person_facts`). `seenAt`: the time of the newest profile event applied (the two
 * durables can deliver out of order; an older event never wins).
 */
export const PersonFactsEntity = definePersonFactsEntity('ActivitiesPersonFacts');
