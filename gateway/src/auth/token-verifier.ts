import { createRequire } from 'node:module';
import { Inject, Injectable } from '@nestjs/common';
import { PleinError, type Realm, Realm as RealmSchema } from '@plein/contracts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { LRUCache } from 'lru-cache';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';

const require = createRequire(import.meta.url);
// keycloak-connect is CommonJS; its types do not describe the grant manager we use in bearer-only mode.
const Keycloak = require('keycloak-connect') as new (store: object, config: object) => KeycloakInstance;

interface KeycloakInstance {
  grantManager: {
    createGrant(raw: { access_token: string }): Promise<{ access_token: { content: TokenClaims } }>;
  };
}

/** The claims of a Keycloak access token that Plein uses. */
export interface TokenClaims {
  iss: string;
  sub: string;
  exp: number;
  typ?: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  realm_access?: { roles?: string[] };
}

export interface VerifiedToken {
  realm: Realm;
  claims: TokenClaims;
}

const VERIFIED_MAX = 10_000;

const unauthorized = (message = 'The access token is missing, invalid or expired'): PleinError =>
  new PleinError(401, 'unauthorized', message);

/**
 * Verifies bearer tokens with keycloak-connect (bearer-only), one instance per realm. The realm is chosen
 * by the token's issuer, which must be exactly one of ours; keycloak-connect then checks expiry, type,
 * issuer, audience and the RS256 signature against the realm's published keys.
 */
@Injectable()
export class TokenVerifier {
  private readonly realms: Map<string, { realm: Realm; keycloak: KeycloakInstance }>;
  /**
   * Tokens whose signature, issuer, audience and type were checked, until they expire. A token is immutable,
   * so checking it again (an RSA verification and a JWK→PEM conversion in keycloak-connect) on every request
   * of a session adds nothing; its expiry is still checked on every request.
   */
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_MAX });

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const base = config.KEYCLOAK_URL.replace(/\/+$/, '');
    this.realms = new Map(
      RealmSchema.options.map((realm) => [
        `${base}/realms/${realm}`,
        {
          realm,
          keycloak: new Keycloak(
            {},
            {
              realm,
              'auth-server-url': base,
              resource: config.KEYCLOAK_AUDIENCE,
              'bearer-only': true,
              'verify-token-audience': true,
              'ssl-required': 'external',
              'confidential-port': 0,
            },
          ),
        },
      ]),
    );
  }

  async verify(authorization: string | undefined): Promise<VerifiedToken> {
    if (!authorization) throw unauthorized('An access token is required (Authorization: Bearer …)');
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match?.[1]) throw unauthorized();
    const raw = match[1];
    // jose reads the parts (no verification yet): which realm and key the token claims
    const header = unverified(() => decodeProtectedHeader(raw));
    // Keycloak signs access tokens with RS256; anything else (none, HS256 with a public key, …) is refused.
    if (header?.alg !== 'RS256' || typeof header.kid !== 'string') throw unauthorized();
    const iss = unverified(() => decodeJwt(raw))?.iss;
    const entry = typeof iss === 'string' ? this.realms.get(iss) : undefined;
    if (!entry) throw unauthorized();
    const known = this.verified.get(raw);
    if (known && known.claims.exp * 1000 > Date.now()) return known;
    let verified: VerifiedToken;
    try {
      const grant = await entry.keycloak.grantManager.createGrant({ access_token: raw });
      verified = { realm: entry.realm, claims: grant.access_token.content };
    } catch {
      throw unauthorized();
    }
    this.verified.set(raw, verified);
    return verified;
  }
}

/** A part of a token as jose decodes it, or undefined when it is not one. */
function unverified<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}
