import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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
      dist,
      assets,
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
  const compressed = new CompressedFiles();
  // compressed ahead, in the background, so the first visitor on a slow line gets small files too
  for (const mount of [client, staff]) {
    if (!existsSync(mount.dist)) continue;
    for (const name of readdirSync(mount.dist, { recursive: true }) as string[]) {
      const file = join(mount.dist, name);
      if (COMPRESSIBLE.test(file) && (file === mount.index || file.startsWith(mount.assets + sep)))
        compressed.get(file);
    }
  }

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
      sendCompressed(req, res, compressed, mount.index, () => res.sendFile(mount.index));
    };
    // Scripts and styles compressed (brotli, else gzip) when the browser takes it: a third of the bytes on a
    // slow connection. The rest (and browsers that take neither) as express.static serves it.
    const file = join(mount.dist, path.slice(mount.prefix.length));
    if (file.startsWith(mount.assets + sep) && COMPRESSIBLE.test(file)) {
      const served = sendCompressed(req, res, compressed, file, () => undefined, {
        'cache-control': 'public, max-age=31536000, immutable',
      });
      if (served) return;
    }
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

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The portals' files compressed once, kept in memory (a built portal is a few hundred kilobytes and does not
 * change while the gateway runs; a rebuilt file is compressed again when its modification time changes).
 * Compressing happens in the background on first request; until it is done the file goes out uncompressed.
 */
class CompressedFiles {
  private readonly files = new Map<string, { mtime: number; br?: Buffer; gzip?: Buffer }>();

  get(file: string): { br?: Buffer; gzip?: Buffer } | undefined {
    let mtime: number;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const known = this.files.get(file);
    if (known?.mtime === mtime) return known;
    const entry: { mtime: number; br?: Buffer; gzip?: Buffer } = { mtime };
    this.files.set(file, entry);
    const raw = readFileSync(file);
    void Promise.all([
      promisify(brotliCompress)(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      }).then((b) => (entry.br = b)),
      promisify(gzip)(raw, { level: 9 }).then((g) => (entry.gzip = g)),
    ]).catch(() => this.files.delete(file));
    return entry;
  }
}

/** Sends `file` brotli- or gzip-compressed if the browser accepts it and it is ready; false otherwise. */
function sendCompressed(
  req: Request,
  res: Response,
  files: CompressedFiles,
  file: string,
  otherwise: () => void,
  headers: Record<string, string> = {},
): boolean {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const entry = files.get(file);
  const encoding =
    entry?.br && /\bbr\b/.test(accepts) ? 'br' : entry?.gzip && /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
  if (!entry || !encoding) {
    if (entry) res.setHeader('vary', 'accept-encoding');
    otherwise();
    return false;
  }
  const body = encoding === 'br' ? entry.br! : entry.gzip!;
  res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', body.length);
  res.setHeader('vary', 'accept-encoding');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
  return true;
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
