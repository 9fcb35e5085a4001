// node-oidc-provider (npm `oidc-provider`, pinned in package.json) configured as a
// loopback interop target for oauthspec. See NOTES.md for the verified flow and the
// exact shape of the devInteractions login/consent pages.
//
// Env:
//   PORT               listen port on 127.0.0.1 (default 3000; 0 = pick a free port)
//   OIDC_BASIC_SECRET  secret of oauthspec-basic (client_secret_basic)
//   OIDC_POST_SECRET   secret of oauthspec-post  (client_secret_post)
//   OIDC_JWT_CLIENT_KEY  PEM file of oauthspec-jwt's private key (private_key_jwt; made at first start)
//   DEBUG=oidc-provider:*  verbose provider logging (npm `debug`)
import * as crypto from 'node:crypto';
import * as http from 'node:http';

import Provider, { errors } from 'oidc-provider';

const HOST = '127.0.0.1';
const requestedPort = Number.parseInt(process.env.PORT ?? '3000', 10);
if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
  console.error(`invalid PORT ${process.env.PORT}`);
  process.exit(2);
}

const BASIC_SECRET = process.env.OIDC_BASIC_SECRET || 'oauthspec-basic-dev-secret';
const POST_SECRET = process.env.OIDC_POST_SECRET || 'oauthspec-post-dev-secret';

const REDIRECT_URIS = ['https://client.oauthspec.test/cb', 'https://client.oauthspec.test/cb2'];
const GRANT_TYPES = ['authorization_code', 'refresh_token'];
const RESOURCE_PATH = '/api/pockets';
const RESOURCE_SCOPE = 'pockets.read';

// Bind first (so PORT=0 works and the issuer carries the real port), then attach the provider.
const server = http.createServer();
try {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, HOST, resolve);
  });
} catch (err) {
  console.error(`cannot listen on ${HOST}:${requestedPort}: ${err.code || err.message}`);
  process.exit(1);
}
const { port } = server.address();
const issuer = `http://${HOST}:${port}`;

// Fresh signing key per process (ID tokens only; access tokens are opaque). Avoids the
// library's built-in development keystore.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'oauthspec-rs256', alg: 'RS256', use: 'sig' };

const configuration = {
  clients: [
    {
      client_id: 'oauthspec-basic',
      client_secret: BASIC_SECRET,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: GRANT_TYPES,
      response_types: ['code'],
      redirect_uris: REDIRECT_URIS,
    },
    {
      client_id: 'oauthspec-post',
      client_secret: POST_SECRET,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: GRANT_TYPES,
      response_types: ['code'],
      redirect_uris: REDIRECT_URIS,
    },
    {
      client_id: 'oauthspec-public',
      token_endpoint_auth_method: 'none',
      grant_types: GRANT_TYPES,
      response_types: ['code'],
      redirect_uris: REDIRECT_URIS,
    },
    {
      // RFC 8252 loopback native client: any port on the registered loopback URI is accepted
      // (oidc-provider lib/models/client.js #redirectAllowed, applicationType === 'native').
      client_id: 'oauthspec-native',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: GRANT_TYPES,
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/cb'],
    },
  ],

  scopes: ['openid', 'offline_access', 'pockets.read', 'pockets.write'],

  // Authorization code flow only (library default also offers 'code id_token', 'id_token' and
  // 'none', which advertises "implicit" in grant_types_supported).
  responseTypes: ['code'],

  // Accept any login; the account id is whatever was typed into the `login` field.
  async findAccount(_ctx, sub) {
    return { accountId: sub, async claims() { return { sub }; } };
  },

  // Always issue a refresh token for the authorization_code grant when the client may use the
  // refresh_token grant (library default: only when offline_access was requested AND granted,
  // and offline_access is dropped unless prompt=consent).
  async issueRefreshToken(_ctx, client, code) {
    return client.grantTypeAllowed('refresh_token');
  },

  // Tokens do not die with the browser session (default: they do unless offline_access).
  async expiresWithSession() {
    return false;
  },

  // Rotate refresh tokens for public clients (auth method none) only; confidential clients keep
  // theirs. (Library default rotates public ones always and confidential ones past 70% of TTL.)
  rotateRefreshToken(ctx) {
    return ctx.oidc.entities.Client.clientAuthMethod === 'none';
  },

  // PKCE: 9.x supports only S256 (lib/helpers/pkce.js); required for public clients.
  pkce: {
    required: (_ctx, client) => client.clientAuthMethod === 'none',
  },

  ttl: {
    AccessToken: 60 * 60,
    AuthorizationCode: 60, // library default, made explicit
    IdToken: 60 * 60,
    RefreshToken: 14 * 24 * 60 * 60,
    Grant: 14 * 24 * 60 * 60,
    Session: 14 * 24 * 60 * 60,
    Interaction: 60 * 60,
  },

  // Authorization endpoint over POST (RFC 6749 §3.1 MAY). Off by default in 9.x, and the
  // library refuses to enable it unless the long-lived session cookie is SameSite=None.
  enableHttpPostMethods: true,
  cookies: {
    keys: ['oauthspec-dev-cookie-key'],
    long: { httpOnly: true, sameSite: 'none' },
    short: { httpOnly: true, sameSite: 'lax' },
  },

  jwks: { keys: [signingJwk] },

  features: {
    devInteractions: { enabled: true }, // default; login accepts any password
    revocation: { enabled: true },
    introspection: { enabled: true },
    rpInitiatedLogout: { enabled: false },
    // Enabled below, in the "modern (issue 14)" block: RFC 8707 resource indicators. A request
    // without `resource` is unaffected (opaque token carrying the granted scopes).
    resourceIndicators: { enabled: false },
    // Enabled below, in the "dpop2" block (RFC 9449; a proof stays optional).
    dPoP: { enabled: false },
  },
};

// ---- modern (issue 14): RFC 8707 resource indicators and RFC 9728 protected-resource metadata.
// Two protected resources, each identified by issuer + path. A token requested with
// `resource=<id>` is an opaque token audience-restricted to that resource (its `aud`, shown at
// introspection); the demo resources below refuse a token restricted to another resource.
// Each resource publishes RFC 9728 metadata at /.well-known/oauth-protected-resource<path>
// and names it in its challenges (`resource_metadata`).
const RESOURCE_PATHS = [RESOURCE_PATH, '/api/ledger'];
const resourceId = (path) => `${issuer}${path}`;
const resourceMetadataUrl = (path) => `${issuer}/.well-known/oauth-protected-resource${path}`;
configuration.features.resourceIndicators = {
  enabled: true,
  // No `resource` at the token endpoint: the token is for the one resource granted, if any.
  useGrantedResource: () => true,
  async getResourceServerInfo(_ctx, resourceIndicator) {
    if (!RESOURCE_PATHS.some((p) => resourceId(p) === resourceIndicator)) {
      throw new errors.InvalidTarget();
    }
    return { scope: 'pockets.read pockets.write', accessTokenFormat: 'opaque', audience: resourceIndicator };
  },
};
// ---- end of the modern (issue 14) block (the middleware below reads RESOURCE_PATHS).
// ---- dcr: dynamic client registration (RFC 7591) and management (RFC 7592), issue 14 ----
// Registration needs an initial access token (a fixed development string, or
// OIDC_INITIAL_ACCESS_TOKEN); targets/oidc-provider.toml and targets/oidc-provider-dcr.toml name
// it. The management token is not rotated on read, so the harness can delete what it registered.
configuration.features.registration = {
  enabled: true,
  initialAccessToken: process.env.OIDC_INITIAL_ACCESS_TOKEN || 'oauthspec-initial-dev-token',
};
configuration.features.registrationManagement = {
  enabled: true,
  rotateRegistrationAccessToken: false,
};
// ---- end dcr ----
// ---- reg: RFC 7592 registration access token rotation (issue 14 §1, client management) ----
// OIDC_ROTATE_REGISTRATION_TOKEN=1 rotates the registration access token on every read and
// update (RFC 7592 §5 allows it), to check that features/21_client_management.feature follows
// the new token. Off by default: the committed targets and .ci/run are unchanged.
if (process.env.OIDC_ROTATE_REGISTRATION_TOKEN === '1') {
  configuration.features.registrationManagement.rotateRegistrationAccessToken = true;
}
// ---- end reg ----
// ---- dpop2: DPoP (RFC 9449), issue 14 §4 ----
// Proofs are optional: a token request without one still gets a Bearer token, so every other
// scenario is unchanged. With one, the access token (and a public client's refresh token) is
// bound to the key (lib/actions/grants/*: setThumbprint('jkt')). A server nonce is demanded
// (requireNonce), so the harness's use_dpop_nonce handling runs against a real implementation.
// The demo resource below accepts Bearer only, so the target file declares no dpop_resource.
configuration.features.dPoP = {
  enabled: true,
  nonceSecret: crypto.randomBytes(32),
  requireNonce: () => true,
};
// ---- end dpop2 ----
// ---- pkjwt: private_key_jwt client authentication (RFC 7523), issue 14 (helper pkjwt) ----
// A P-256 key pair for the oauthspec-jwt client: its private half is written (mode 0600) to
// OIDC_JWT_CLIENT_KEY (default .runtime/jwt-client.pem beside this file, not committed) for
// targets/oidc-provider.toml's [clients.jwt] to read; an existing file is reused, so instances
// started side by side share one key. Only the public half is registered (jwks).
{
  const fs = await import('node:fs');
  const path = await import('node:path');
  const url = await import('node:url');
  const here = path.dirname(url.fileURLToPath(import.meta.url));
  const keyFile = process.env.OIDC_JWT_CLIENT_KEY || path.join(here, '.runtime', 'jwt-client.pem');
  let pem;
  try {
    pem = fs.readFileSync(keyFile, 'utf8');
  } catch {
    const { privateKey: k } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pem = k.export({ format: 'pem', type: 'pkcs8' });
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, pem, { mode: 0o600 });
  }
  const { d: _d, ...publicJwk } = crypto.createPrivateKey(pem).export({ format: 'jwk' });
  configuration.clients.push({
    client_id: 'oauthspec-jwt',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] },
    grant_types: GRANT_TYPES,
    response_types: ['code'],
    redirect_uris: REDIRECT_URIS,
  });
}
// ---- end pkjwt ----
// ---- par3: pushed authorization requests required (RFC 9126 §5), issue 14 §3 ----
// PAR is on by default in oidc-provider 9 (optional). OIDC_PAR_REQUIRED=1 makes it the only
// way in (`require_pushed_authorization_requests: true` in the metadata), as a stranger check
// of the harness's PAR-required path (src/suite/pushed.rs). Off by default: the committed
// targets and .ci/run are unchanged.
if (process.env.OIDC_PAR_REQUIRED === '1') {
  configuration.features.pushedAuthorizationRequests = {
    enabled: true,
    requirePushedAuthorizationRequests: true,
  };
}
// ---- end par3 ----

const provider = new Provider(issuer, configuration);

// Demo protected resource: GET /api/pockets (RFC 6750 bearer usage, header only).
function bearerChallenge(params, path = RESOURCE_PATH) {
  // modern (issue 14): RFC 9728 §5.1 resource_metadata in every challenge.
  const parts = [['realm', 'oidc-provider'], ...Object.entries(params), ['resource_metadata', resourceMetadataUrl(path)]];
  return `Bearer ${parts.map(([k, v]) => `${k}="${String(v).replace(/["\\]/g, '')}"`).join(', ')}`;
}

// modern (issue 14): RFC 9728 §3 protected-resource metadata of the demo resources.
provider.use(async (ctx, next) => {
  const prefix = '/.well-known/oauth-protected-resource';
  const path = ctx.path.startsWith(prefix) ? ctx.path.slice(prefix.length) : undefined;
  if (path === undefined || !RESOURCE_PATHS.includes(path) || ctx.method !== 'GET') {
    return next();
  }
  ctx.set('Cache-Control', 'max-age=60');
  ctx.type = 'application/json';
  ctx.body = {
    resource: resourceId(path),
    authorization_servers: [issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: ['pockets.read', 'pockets.write'],
  };
  return undefined;
});

provider.use(async (ctx, next) => {
  if (!RESOURCE_PATHS.includes(ctx.path)) {
    return next();
  }
  const challenge = (params) => bearerChallenge(params, ctx.path);
  ctx.set('Cache-Control', 'no-store');
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    ctx.status = 405;
    ctx.set('Allow', 'GET, HEAD');
    ctx.body = { error: 'method_not_allowed' };
    return undefined;
  }

  // Only the Authorization request header field (RFC 6750 §2.1) is supported. A request
  // without Bearer credentials (no header, another scheme, or a token in the query string,
  // which this resource does not accept) gets a bare challenge without an error code (§3.1).
  const header = ctx.get('authorization');
  const scheme = header.split(' ', 1)[0];
  if (!header || scheme.toLowerCase() !== 'bearer') {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', challenge({}));
    ctx.body = { error: 'unauthorized' };
    return undefined;
  }

  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match || ctx.query.access_token !== undefined) {
    ctx.status = 400;
    ctx.set('WWW-Authenticate', challenge({
      error: 'invalid_request',
      error_description: match ? 'more than one method used to send the access token' : 'malformed Bearer credentials',
    }));
    ctx.body = { error: 'invalid_request' };
    return undefined;
  }

  let token;
  try {
    token = await provider.AccessToken.find(match[1]);
  } catch {
    token = undefined;
  }
  if (!token || token.isExpired) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', challenge({ error: 'invalid_token', error_description: 'invalid, expired or revoked access token' }));
    ctx.body = { error: 'invalid_token' };
    return undefined;
  }

  // modern (issue 14): a token audience-restricted to another resource is invalid here.
  const aud = [token.aud].flat().filter(Boolean);
  if (aud.length > 0 && !aud.includes(resourceId(ctx.path))) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', challenge({ error: 'invalid_token', error_description: 'the access token is for another resource' }));
    ctx.body = { error: 'invalid_token' };
    return undefined;
  }

  const scopes = new Set((token.scope || '').split(' ').filter(Boolean));
  if (!scopes.has(RESOURCE_SCOPE)) {
    ctx.status = 403;
    ctx.set('WWW-Authenticate', challenge({ error: 'insufficient_scope', scope: RESOURCE_SCOPE }));
    ctx.body = { error: 'insufficient_scope' };
    return undefined;
  }

  ctx.status = 200;
  ctx.body = {
    owner: token.accountId,
    client_id: token.clientId,
    scope: [...scopes].join(' '),
    pockets: [{ id: 'p1', name: 'Savings', balance: 100 }, { id: 'p2', name: 'Travel', balance: 42 }],
  };
  return undefined;
});

provider.on('server_error', (_ctx, err) => {
  console.error('server_error', err);
});

server.removeAllListeners('error');
server.on('error', (err) => console.error('http server error', err));
server.on('request', provider.callback());

console.log(`oidc-provider listening on ${issuer}`);

const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
