import { type NatsConnection, nanos } from '@nats-io/transport-node';
import { JetStreamApiError, RetentionPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import { STREAM_NAME, STREAM_SUBJECTS } from '@plein/contracts';

/** Creates the PLEIN stream when it is missing (idempotent; safe for several processes at once). */
export async function ensureStream(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(STREAM_NAME);
    return;
  } catch (err) {
    if (!(err instanceof JetStreamApiError) || err.status !== 404) throw err;
  }
  try {
    await jsm.streams.add({
      name: STREAM_NAME,
      subjects: STREAM_SUBJECTS,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(30 * 24 * 3600 * 1000),
      duplicate_window: nanos(10 * 60 * 1000),
    });
  } catch (err) {
    // Another process created it between our look-up and our add.
    await jsm.streams.info(STREAM_NAME).catch(() => {
      throw err;
    });
  }
}
