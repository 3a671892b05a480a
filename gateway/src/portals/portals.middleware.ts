import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** The two portals the gateway serves: the staff portal at `/`, the client portal at `/mijn/`. */
export const PORTAL_PREFIXES = { staff: '', client: '/mijn' } as const;

/** Paths that belong to the API and are never answered with a portal page. */
const API_PATH = /^\/(api|health)(\/|$)/;

export interface PortalOptions {
  /** Folder holding `staff/dist` and `client/dist` (the built portals). */
  root: string;
  /** Keycloak's public URL, which the portals talk to (login, token refresh). */
  keycloakUrl: string;
}

/**
 * Access rule: PUBLIC. Serves the built portals' static files (HTML, scripts, styles: nothing personal;
 * every piece of data comes from the token-guarded API). Only GET and HEAD, never under `/api` or
 * `/health`. A page address inside a portal (`/smoelenboek`, `/mijn/profiel`) gets the portal's
 * index.html when the browser asks for HTML; anything else falls through to the routes, so unknown
 * addresses still get the problem+json 404. A portal that is not built is simply not served.
 */
export function servePortals(options: PortalOptions): RequestHandler {
  const csp = contentSecurityPolicy(options.keycloakUrl);
  const mountOf = (dir: keyof typeof PORTAL_PREFIXES) => {
    const dist = resolve(options.root, dir, 'dist');
    const assets = join(dist, 'assets');
    return {
      prefix: PORTAL_PREFIXES[dir],
      index: join(dist, 'index.html'),
      serve: express.static(dist, {
        index: false,
        fallthrough: true,
        redirect: false,
        dotfiles: 'ignore',
        setHeaders: (res, file) => {
          res.setHeader('x-content-type-options', 'nosniff');
          res.setHeader('referrer-policy', 'no-referrer');
          // A page asked for by its file name (`/index.html`, `/mijn/index.html`) is the same page: the same
          // policy, or a page could run without it.
          if (file.endsWith('.html')) res.setHeader('content-security-policy', csp);
          // Vite puts a content hash in every asset's name; everything else is checked each time.
          res.setHeader(
            'cache-control',
            file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    };
  };
  const client = mountOf('client');
  const staff = mountOf('staff');

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    if (API_PATH.test(path)) return next();
    if (path === client.prefix) {
      // `/mijn` without the slash: the portal's addresses are relative to `/mijn/`.
      if (!existsSync(client.index)) return next();
      const q = req.originalUrl.indexOf('?');
      return res.redirect(308, `${client.prefix}/${q >= 0 ? req.originalUrl.slice(q) : ''}`);
    }
    const mount = path.startsWith(`${client.prefix}/`) ? client : staff;
    const page = () => {
      if (!wantsPage(req) || !existsSync(mount.index)) return next();
      res.setHeader('content-security-policy', csp);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(mount.index);
    };
    if (!mount.prefix) {
      mount.serve(req, res, (err?: unknown) => (err ? next(err) : page()));
      return;
    }
    // Serve the client portal's files relative to its folder, then restore the address.
    const url = req.url;
    req.url = url.slice(mount.prefix.length);
    mount.serve(req, res, (err?: unknown) => {
      req.url = url;
      if (err) next(err);
      else page();
    });
  };
}

/** A browser navigating to a page: asks for HTML, and the last segment has no file extension. */
function wantsPage(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  const last = req.path.split('/').pop() ?? '';
  return accept.includes('text/html') && !last.includes('.');
}

export function contentSecurityPolicy(keycloakUrl: string): string {
  const keycloak = new URL(keycloakUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${keycloak}`,
    `frame-src ${keycloak}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Where the built portals are by default: `<repo>/portals`, from gateway/src/portals or gateway/dist/portals. */
export const DEFAULT_PORTALS_ROOT = resolve(import.meta.dirname, '..', '..', '..', 'portals');
