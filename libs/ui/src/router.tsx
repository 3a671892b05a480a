import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

/** A tiny History-API router: the portals have a handful of pages and need nothing more. */
interface Router {
  /** The portal's base path, e.g. `/` or `/mijn/`. */
  base: string;
  /** The path inside the portal, always starting with `/`. */
  path: string;
  query: URLSearchParams;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<Router | undefined>(undefined);

const currentPath = (base: string): string => {
  const full = window.location.pathname;
  const inside = full.startsWith(base) ? full.slice(base.length - 1) : full;
  return inside === '' ? '/' : inside;
};

export function RouterProvider({ base, children }: { base: string; children: ReactNode }) {
  const [location, setLocation] = useState(() => ({
    path: currentPath(base),
    search: window.location.search,
  }));
  useEffect(() => {
    const onPop = () => setLocation({ path: currentPath(base), search: window.location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base]);
  const navigate = useCallback(
    (to: string, options?: { replace?: boolean }) => {
      const url = new URL(base.replace(/\/$/, '') + to, window.location.origin);
      if (options?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setLocation({ path: currentPath(base), search: url.search });
      window.scrollTo(0, 0);
    },
    [base],
  );
  const value = useMemo<Router>(
    () => ({ base, path: location.path, query: new URLSearchParams(location.search), navigate }),
    [base, location, navigate],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

/** Matches `/groepen/:id` against a path; returns the parameters or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    const seg = s[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return undefined;
  }
  return params;
}

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A link inside the portal; plain clicks navigate without reloading. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { base, path, navigate } = useRouter();
  const href = base.replace(/\/$/, '') + to;
  const current = to === path || (to !== '/' && path.startsWith(`${to}/`));
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={href} aria-current={current ? 'page' : undefined} onClick={handle} {...rest} />;
}

/** A portal's pages: a path pattern (`/groepen/:id`) and what it shows, given the pattern's parameters. */
export type Routes = [string, (params: Record<string, string>) => ReactNode][];

/** The page of the first route whose pattern matches `path`; null when none does (the portal's "not found"). */
export function routedPage(routes: Routes, path: string): ReactNode {
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    if (params) return render(params);
  }
  return null;
}
