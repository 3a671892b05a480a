import { z } from 'zod';

/** Durable domain events on the JetStream stream PLEIN. */
export const STREAM_NAME = 'PLEIN';
export const STREAM_SUBJECTS = ['plein.>'];

export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string().regex(/^plein\.[a-z]+\.[a-z-]+\.[a-z-]+$/),
  occurredAt: z.iso.datetime(),
  source: z.string().min(1),
  version: z.number().int().positive(),
  data: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export interface EventContract<D extends z.ZodType> {
  /** Also the NATS subject: plein.<service>.<noun>.<verb-past>. */
  readonly type: string;
  readonly version: number;
  readonly data: D;
}

export function defineEvent<D extends z.ZodType>(type: string, data: D, version = 1): EventContract<D> {
  if (!/^plein\.[a-z]+\.[a-z-]+\.[a-z-]+$/.test(type))
    throw new Error(`event type ${type} is not plein.<service>.<noun>.<verb-past>`);
  return { type, version, data };
}

export type EventData<C> = C extends EventContract<infer D> ? z.infer<D> : never;
