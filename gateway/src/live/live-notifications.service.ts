import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { EventEnvelope, NotificationChanged } from '@plein/contracts';
import { connectNats } from '@plein/messaging';
import type { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

export type NotificationListener = (event: z.infer<typeof NotificationChanged.data>) => void;

/**
 * The gateway's one plain subscription to `plein.notifications.notification.changed`, shared by every open
 * notification stream (as LiveFeed is for posts). The event names only ids: each stream re-reads the
 * notification with its own principal, so the notifications service's rules decide what it shows.
 */
@Injectable()
export class LiveNotifications implements OnModuleDestroy {
  private readonly logger = new Logger('LiveNotifications');
  private readonly listeners = new Set<NotificationListener>();
  private connecting: Promise<NatsConnection> | undefined;
  private subscription: Subscription | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async subscribe(listener: NotificationListener): Promise<() => void> {
    await this.connect();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): Promise<NatsConnection> {
    this.connecting ??= connectNats(this.config, 'gateway-live-notifications').then((nc) => {
      const sub = nc.subscribe(NotificationChanged.type);
      this.subscription = sub;
      void (async () => {
        for await (const msg of sub) {
          try {
            const envelope = EventEnvelope.parse(JSON.parse(new TextDecoder().decode(msg.data)));
            const data = NotificationChanged.data.parse(envelope.data);
            for (const listener of this.listeners) listener(data);
          } catch (err) {
            this.logger.warn(`ignoring an unreadable notification event: ${String(err)}`);
          }
        }
      })();
      return nc;
    });
    this.connecting.catch(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    this.subscription?.unsubscribe();
    if (this.connecting) await (await this.connecting).drain();
  }
}
