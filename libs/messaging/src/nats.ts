import type { NatsOptions } from '@nestjs/microservices';
import { type ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { type NatsConnection, connect } from '@nats-io/transport-node';

/** How an app reaches NATS: the server and the app's own user (deploy/nats/permissions.conf says what it may do). */
export interface NatsAccess {
  NATS_URL: string;
  NATS_USER: string;
  NATS_PASSWORD: string;
}

/**
 * Each app reads its replies under its own inbox prefix, `_INBOX_<user>`, the only inbox its NATS user may
 * subscribe to: with the default `_INBOX.>` any app could read every other app's answers.
 */
export const inboxPrefix = (user: string): string => `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Connection options for the nats client (and Nest's NATS transport, which passes them on). */
export function natsConnectionOptions(access: NatsAccess, name: string) {
  return {
    servers: [access.NATS_URL],
    user: access.NATS_USER,
    pass: access.NATS_PASSWORD,
    inboxPrefix: inboxPrefix(access.NATS_USER),
    name,
  };
}

/** A plain NATS connection (JetStream, subscriptions) as this app's user; reconnects for ever. */
export async function connectNats(access: NatsAccess, name: string): Promise<NatsConnection> {
  return connect({ ...natsConnectionOptions(access, name), maxReconnectAttempts: -1 });
}

/** Nest's NATS transport options, as this app's user (the queue group is the service's name when serving). */
export function natsTransport(access: NatsAccess, name: string, queue?: string): NatsOptions {
  return {
    transport: Transport.NATS,
    options: { ...natsConnectionOptions(access, name), ...(queue ? { queue } : {}) },
  };
}

/** A client for calling other services' RPCs, as this app's user. */
export function natsClientProxy(access: NatsAccess, name: string): ClientProxy {
  return ClientProxyFactory.create(natsTransport(access, name));
}
