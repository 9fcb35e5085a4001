// The MCP TypeScript SDK's authorization server, run as a loopback target for oauthspec
// (docs/stranger-trial-mcp-sdk.md). Unmodified SDK parts only:
//   - mcpAuthRouter (authorize, token, register, RFC 8414 metadata, RFC 9728 PRM)
//   - DemoInMemoryAuthProvider from the SDK's examples (auto-approves: /authorize redirects
//     straight back with a code, no login page; no refresh tokens; no revocation)
//   - requireBearerAuth guarding a protected MCP-style resource at /mcp
// Env: PORT (0 = any free port). Prints "mcp-sdk listening on http://127.0.0.1:PORT" once bound.
import http from 'node:http';
import express from 'express';
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';

const SCOPE = 'mcp:tools';
const server = http.createServer();
server.listen(Number(process.env.PORT ?? 3205), '127.0.0.1', () => {
  const port = server.address().port;
  const issuerUrl = new URL(`http://127.0.0.1:${port}`);
  const resourceUrl = new URL(`http://127.0.0.1:${port}/mcp`);
  const provider = new DemoInMemoryAuthProvider();
  const app = express();
  app.use(mcpAuthRouter({
    provider,
    issuerUrl,
    resourceServerUrl: resourceUrl,
    scopesSupported: [SCOPE],
    resourceName: 'oauthspec MCP demo resource',
    // The SDK rate-limits every endpoint by default (100 requests / 15 min per IP for /token);
    // a conformance suite sends far more than that from one address.
    authorizationOptions: { rateLimit: false },
    tokenOptions: { rateLimit: false },
    clientRegistrationOptions: { rateLimit: false },
  }));
  const bearer = requireBearerAuth({
    verifier: provider,
    requiredScopes: [SCOPE],
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resourceUrl),
  });
  app.all('/mcp', bearer, (req, res) => {
    res.json({ ok: true, client_id: req.auth.clientId, scopes: req.auth.scopes });
  });
  server.on('request', app);
  console.log(`mcp-sdk listening on http://127.0.0.1:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
