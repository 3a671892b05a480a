import { type ServiceHarness, serviceHarness } from '@plein/testing';
import { startTimelines } from '../src/bootstrap.js';
import { loadTimelinesConfig } from '../src/timelines.config.js';

/** The real timelines service on the test database and NATS (see serviceHarness in @plein/testing). */
export type TimelinesHarness = ServiceHarness;

export function timelinesHarness(source: string): Promise<TimelinesHarness> {
  return serviceHarness({
    schema: 'timelines',
    source,
    user: 'timelines',
    start: ({ databaseUrl, nats }) =>
      startTimelines(loadTimelinesConfig({ DATABASE_URL: databaseUrl, ...nats, LOG_LEVEL: 'error' })),
  });
}
