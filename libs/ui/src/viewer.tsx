import { type ReactNode, createContext, useContext } from 'react';

/**
 * Who is reading: the identity service's id of the logged-in person (`GET /me`), once the portal knows it.
 * Posts use it to offer their author "edit" and "delete".
 */
const ViewerContext = createContext<string | undefined>(undefined);

export function ViewerProvider({ id, children }: { id: string | undefined; children: ReactNode }) {
  return <ViewerContext.Provider value={id}>{children}</ViewerContext.Provider>;
}

export const useViewerId = (): string | undefined => useContext(ViewerContext);
