/**
 * Session tokens (App Bridge ID tokens) and `POST /admin/oauth/access_token`: the token-exchange
 * grant the embedded app uses, and the refresh grant for expiring offline tokens.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";

const FIRST_NAMES = ["Sam", "Priya", "Jonas", "Mei", "Tomas", "Amara", "Lena"];
const LAST_NAMES = ["Rivera", "Shah", "Berg", "Chen", "Silva", "Okafor", "Novak"];

/** The staff account behind a user id, as online token exchange describes it. */
export interface SimulatedUser {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  account_owner: boolean;
}

/**
 * User 1 is the store's owner, "Demo Merchant"; any other id is a staff member with a
 * stable name of its own (distinct for ids below 49): 42 is "Sam Novak", 43 "Priya Novak".
 */
export function simulatedUser(userId: number): SimulatedUser {
  const owner = userId === 1;
  const n = Math.abs(Math.trunc(userId));
  return {
    id: userId,
    first_name: owner ? "Demo" : (FIRST_NAMES[n % FIRST_NAMES.length] ?? "Sam"),
    last_name: owner ? "Merchant" : (LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length] ?? "Rivera"),
    email: `staff${userId}@example.com`,
    account_owner: owner,
  };
}

export interface AppCredentials {
  apiKey: string;
  apiSecret: string;
  scopes: string[];
}

export interface IssuedToken {
  shop: string;
  scopes: ReadonlySet<string>;
  online: boolean;
  /** ms since epoch; null for non-expiring offline tokens. */
  expiresAt: number | null;
}

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

/** HS256 JWT signed with the app secret, as App Bridge hands to the app. */
export function signSessionToken(claims: SessionTokenClaims, secret: string): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Verifies signature, audience and time claims (10 s tolerance, like the Shopify library). */
export function verifySessionToken(token: string, creds: AppCredentials, nowMs: number): { shop: string; sub: string } | string {
  const parts = token.split(".");
  if (parts.length !== 3) return "malformed token";
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac("sha256", creds.apiSecret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "signature verification failed";
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return "malformed payload";
  }
  if (!isRecord(claims)) return "malformed payload";
  if (claims.aud !== creds.apiKey) return "invalid audience";
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== "number" || claims.exp + 10 < now) return "token expired";
  if (typeof claims.nbf === "number" && claims.nbf - 10 > now) return "token not yet valid";
  if (typeof claims.dest !== "string") return "missing dest";
  const shop = claims.dest.replace(/^https:\/\//, "");
  return { shop, sub: typeof claims.sub === "string" ? claims.sub : "" };
}

export class OAuthServer {
  readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, string>();

  constructor(
    private readonly creds: AppCredentials,
    private readonly nowMs: () => number,
    private readonly knownShop: (shop: string) => boolean,
  ) {}

  sessionToken(shop: string, { userId = 1, ttlSeconds = 60 }: { userId?: number; ttlSeconds?: number } = {}): string {
    const iat = Math.floor(this.nowMs() / 1000);
    return signSessionToken(
      {
        iss: `https://${shop}/admin`,
        dest: `https://${shop}`,
        aud: this.creds.apiKey,
        sub: String(userId),
        exp: iat + ttlSeconds,
        nbf: iat,
        iat,
        jti: randomBytes(16).toString("hex"),
        sid: randomBytes(16).toString("hex"),
      },
      this.creds.apiSecret,
    );
  }

  /** Issues an offline token directly (what an install would have produced); for tests and the demo. */
  issueOffline(shop: string, scopes: string[] = this.creds.scopes): string {
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    this.tokens.set(token, { shop, scopes: new Set(scopes), online: false, expiresAt: null });
    return token;
  }

  authenticate(token: string | null): IssuedToken | null {
    if (!token) return null;
    const issued = this.tokens.get(token);
    if (!issued) return null;
    if (issued.expiresAt !== null && issued.expiresAt <= this.nowMs()) return null;
    return issued;
  }

  async handle(request: Request): Promise<Response> {
    const params = await readParams(request);
    const error = (status: number, code: string, description: string) =>
      new Response(JSON.stringify({ error: code, error_description: description }), { status, headers: { "Content-Type": "application/json" } });
    if (params.client_id !== this.creds.apiKey || params.client_secret !== this.creds.apiSecret) {
      return error(401, "invalid_client", "Client authentication failed");
    }
    if (params.grant_type === "refresh_token") return this.refresh(params.refresh_token ?? "", error);
    if (params.grant_type !== TOKEN_EXCHANGE) return error(400, "unsupported_grant_type", "Unsupported grant type");
    if (params.subject_token_type !== ID_TOKEN) return error(400, "invalid_request", "subject_token_type must be an id_token");
    const verified = verifySessionToken(params.subject_token ?? "", this.creds, this.nowMs());
    if (typeof verified === "string") return error(400, "invalid_subject_token", `Invalid subject token: ${verified}`);
    if (!this.knownShop(verified.shop)) return error(400, "invalid_subject_token", "Unknown shop");
    const scope = this.creds.scopes.join(",");
    const scopes = new Set(this.creds.scopes);
    const json = (body: Record<string, unknown>) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

    if (params.requested_token_type === ONLINE) {
      const token = `shpua_${randomBytes(16).toString("hex")}`;
      const expiresIn = 86399;
      this.tokens.set(token, { shop: verified.shop, scopes, online: true, expiresAt: this.nowMs() + expiresIn * 1000 });
      const userId = Number(verified.sub) || 1;
      return json({
        access_token: token,
        scope,
        expires_in: expiresIn,
        associated_user_scope: scope,
        session: randomBytes(16).toString("hex"),
        account_number: 0,
        associated_user: {
          ...simulatedUser(userId),
          locale: "en",
          collaborator: false,
          email_verified: true,
        },
      });
    }
    if (params.requested_token_type !== OFFLINE) return error(400, "invalid_request", "Unsupported requested_token_type");
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    if (params.expiring === "1") {
      const expiresIn = 3600;
      this.tokens.set(token, { shop: verified.shop, scopes, online: false, expiresAt: this.nowMs() + expiresIn * 1000 });
      const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
      this.refreshTokens.set(refreshToken, verified.shop);
      return json({ access_token: token, scope, expires_in: expiresIn, refresh_token: refreshToken, refresh_token_expires_in: 7_776_000 });
    }
    this.tokens.set(token, { shop: verified.shop, scopes, online: false, expiresAt: null });
    return json({ access_token: token, scope });
  }

  private refresh(refreshToken: string, error: (s: number, c: string, d: string) => Response): Response {
    const shop = this.refreshTokens.get(refreshToken);
    if (!shop) return error(400, "invalid_grant", "Refresh token is invalid or expired");
    // Refresh tokens rotate: the old one stops working.
    this.refreshTokens.delete(refreshToken);
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    const next = `shprt_${randomBytes(16).toString("hex")}`;
    this.tokens.set(token, { shop, scopes: new Set(this.creds.scopes), online: false, expiresAt: this.nowMs() + 3600_000 });
    this.refreshTokens.set(next, shop);
    return new Response(
      JSON.stringify({ access_token: token, scope: this.creds.scopes.join(","), expires_in: 3600, refresh_token: next, refresh_token_expires_in: 7_776_000 }),
      { status: 200, headers: { "Content-Type": "application/json" } },
    );
  }
}

async function readParams(request: Request): Promise<Record<string, string | undefined>> {
  const text = await request.text();
  const type = request.headers.get("Content-Type") ?? "";
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isRecord(parsed)) {
        return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : v === undefined ? undefined : String(v)]));
      }
    } catch {
      return {};
    }
    return {};
  }
  return Object.fromEntries(new URLSearchParams(text));
}
