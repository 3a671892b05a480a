import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from './api-client.js';

/** What a page shows for one API call: loading, the data, or why there is none. */
export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  /** The gateway has no route for it yet: the service has not landed here. */
  | { status: 'coming' }
  /** The service is (temporarily) not reachable: 502/503/504 or no network. */
  | { status: 'unavailable' }
  | { status: 'notFound' }
  | { status: 'forbidden' }
  | { status: 'error'; error: ApiError };

export function toResourceState<T>(error: unknown): ResourceState<T> {
  const e = error instanceof ApiError ? error : new ApiError(0, 'error', String(error));
  if (e.noRoute) return { status: 'coming' };
  if (e.unavailable) return { status: 'unavailable' };
  if (e.status === 404) return { status: 'notFound' };
  if (e.status === 403) return { status: 'forbidden' };
  return { status: 'error', error: e };
}

/** Loads `load()` when `deps` change; `reload()` loads again (after posting, for example). */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): [ResourceState<T>, () => void] {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    stableLoad().then(
      (data) => current && setState({ status: 'ok', data }),
      (error: unknown) => current && setState(toResourceState<T>(error)),
    );
    return () => {
      current = false;
    };
  }, [stableLoad, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [state, reload];
}
