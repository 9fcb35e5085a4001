// oauth2-mock-server (npm) on loopback for oauthspec, as its README's "Library Usage" shows:
// new OAuth2Server(), keys.generate('RS256'), start(port, host).
// The mock has no protected resource of its own, so one is added with the README's
// "Custom routes" hook (service.addRoute): GET /api/hello verifies the bearer JWT against the
// mock's own keys (jose, the mock's dependency) and requires scope "dummy" in the token, which
// is the scope the mock puts in every authorization_code/refresh token (tokenHandler:
// `scope = scope ?? "dummy"`) unless the token request itself carries a scope.
import { OAuth2Server } from 'oauth2-mock-server';
import { createLocalJWKSet, jwtVerify } from 'jose';

const PORT = Number(process.env.PORT ?? 8080);
const HOST = '127.0.0.1';
const RESOURCE_SCOPE = 'dummy';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');

function bearerChallenge(res, status, error, description) {
  res.statusCode = status;
  // RFC 6750 §3: the Bearer scheme "MUST be followed by one or more auth-param values".
  res.setHeader('WWW-Authenticate',
    error ? `Bearer realm="mock", error="${error}", error_description="${description}"` : 'Bearer realm="mock"');
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(error ? { error, error_description: description } : {}));
}

server.service.addRoute('GET', '/api/hello', async (req, res) => {
  const auth = req.headers.authorization ?? '';
  const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(auth);
  if (!m) return bearerChallenge(res, 401);
  let payload;
  try {
    const jwks = createLocalJWKSet({ keys: server.issuer.keys.toJSON() });
    ({ payload } = await jwtVerify(m[1], jwks, { issuer: server.issuer.url }));
  } catch (e) {
    return bearerChallenge(res, 401, 'invalid_token', 'token not valid');
  }
  const scopes = String(payload.scope ?? '').split(' ');
  if (!scopes.includes(RESOURCE_SCOPE)) {
    return bearerChallenge(res, 403, 'insufficient_scope', `needs ${RESOURCE_SCOPE}`);
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ hello: payload.sub }));
});

await server.start(PORT, HOST);
console.log(`oauth2-mock-server listening on ${server.issuer.url}`);

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, async () => { await server.stop(); process.exit(0); });
}
