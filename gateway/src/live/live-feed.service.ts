import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { EventEnvelope, PostCreated, PostDeleted, PostUpdated, UserDeactivated } from '@plein/contracts';
import { connectNats } from '@plein/messaging';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

export type LiveEvent =
  | { kind: 'created'; data: z.infer<typeof PostCreated.data> }
  | { kind: 'updated'; data: z.infer<typeof PostUpdated.data> }
  | { kind: 'deleted'; data: z.infer<typeof PostDeleted.data> }
  /** An account was disabled or removed: its open streams end (they have no right to exist any more). */
  | { kind: 'account-deactivated'; data: z.infer<typeof UserDeactivated.data> };
export type LiveListener = (event: LiveEvent) => void;

/**
 * The gateway's one subscription to timelines' post events (and identity's account deactivations, which end
 * the streams of that account), shared by every open live stream.
 * JetStream publishes are ordinary NATS messages too, so a plain (non-durable) subscription sees them
 * as they are stored; a live stream only needs what happens while it is open. What a listener may see
 * is decided by timelines (each stream re-reads the post with its own principal), never here.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly logger = new Logger('LiveFeed');
  private readonly listeners = new Set<LiveListener>();
  private connecting: Promise<NatsConnection> | undefined;
  private readonly subscriptions: Subscription[] = [];

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async subscribe(listener: LiveListener): Promise<() => void> {
    await this.connect();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): Promise<NatsConnection> {
    this.connecting ??= connectNats(this.config, 'gateway-live').then((nc) => {
      for (const subject of ['plein.timelines.post.*', UserDeactivated.type]) {
        const sub = nc.subscribe(subject);
        this.subscriptions.push(sub);
        void (async () => {
          for await (const msg of sub) this.dispatch(msg.subject, msg.data);
        })();
      }
      return nc;
    });
    // a first connection that failed is tried again by the next caller, not remembered as failed for good
    this.connecting.catch(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private dispatch(subject: string, raw: Uint8Array): void {
    let event: LiveEvent;
    try {
      const envelope = EventEnvelope.parse(JSON.parse(new TextDecoder().decode(raw)));
      if (subject === PostCreated.type)
        event = { kind: 'created', data: PostCreated.data.parse(envelope.data) };
      else if (subject === PostUpdated.type)
        event = { kind: 'updated', data: PostUpdated.data.parse(envelope.data) };
      else if (subject === PostDeleted.type)
        event = { kind: 'deleted', data: PostDeleted.data.parse(envelope.data) };
      else if (subject === UserDeactivated.type)
        event = { kind: 'account-deactivated', data: UserDeactivated.data.parse(envelope.data) };
      else return;
    } catch (err) {
      this.logger.warn(`ignoring an unreadable ${subject} message: ${String(err)}`);
      return;
    }
    for (const listener of this.listeners) listener(event);
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    for (const sub of this.subscriptions) sub.unsubscribe();
    if (this.connecting) await (await this.connecting).drain();
  }
}
