/** The search service's NATS client for asking other services (relations, rebuild exports). */
export const SEARCH_NATS_CLIENT = Symbol('SEARCH_NATS_CLIENT');
