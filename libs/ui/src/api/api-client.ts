/** A problem (RFC 9457) the gateway answered with, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
  }

  /**
   * The gateway has no such route (yet): the service behind it has not landed in this installation.
   * The gateway's 404 for an unknown route says "No route …"; a 404 for a missing thing does not.
   */
  get noRoute(): boolean {
    return this.status === 404 && this.detail.startsWith('No route');
  }

  /** The service exists but does not answer right now. */
  get unavailable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export type TokenSource = () => Promise<string | undefined>;
export type Query = Record<string, string | number | boolean | undefined>;

/** The HTTP client of one route tree, e.g. `/api/staff/v1`. Adds the bearer token to every call. */
export class ApiClient {
  constructor(
    readonly base: string,
    private readonly token: TokenSource,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.send<T>('GET', path, undefined, query);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }
  /** A `Blob` body (a photo) is sent as it is; anything else as JSON. */
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }
  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }
  /**
   * An image or file behind the token (a photo), as an object URL for an `<img>`: the browser cannot add
   * the bearer token to an `<img src>` itself. `path` is absolute (`/api/…`), as the API hands links out.
   */
  async objectUrl(path: string): Promise<string> {
    const headers: Record<string, string> = {};
    const token = await this.token();
    if (token) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(path, { headers });
    if (!response.ok) throw new ApiError(response.status, 'error', response.statusText);
    return URL.createObjectURL(await response.blob());
  }

  /** The Authorization header of this client's calls (for requests it does not send itself: an upload). */
  async authorization(): Promise<Record<string, string>> {
    const token = await this.token();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  private async send<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await this.token();
    if (token) headers['authorization'] = `Bearer ${token}`;
    const binary = body instanceof Blob;
    if (body !== undefined)
      headers['content-type'] = binary ? 'application/octet-stream' : 'application/json';
    let response: Response;
    try {
      response = await fetch(this.base + path + toQueryString(query), {
        method,
        headers,
        body: body === undefined ? undefined : binary ? body : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const data: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem = (data ?? {}) as { code?: unknown; detail?: unknown };
      throw new ApiError(
        response.status,
        typeof problem.code === 'string' ? problem.code : 'error',
        typeof problem.detail === 'string' ? problem.detail : response.statusText,
      );
    }
    return data as T;
  }
}

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
