import { ActivityEntity } from './activity.entity.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import { PersonFactsEntity } from './person-facts.entity.js';
import { SignupEntity } from './signup.entity.js';

export const ACTIVITIES_ENTITIES = [ActivityEntity, SignupEntity, CalendarFeedEntity, PersonFactsEntity];
