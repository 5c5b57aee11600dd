// A real, certified OpenID provider (oidc-provider) for the sign-in tests, on 127.0.0.1 only.
//
// Environment: PORT (the provider's), RP_URL (the app under test, e.g. http://127.0.0.1:8123).
// Clients: "inspektion" (confidential, PKCE required, the app's callback) and "annan-tjanst"
// (another service of the agency). Users: any login is accepted by the provider's own login
// form; the claims come from USERS below, keyed by the login typed in.
//
// Test-only knob: POST /test/next-token?mode=aud|expired|tampered changes the ID token of the
// next token response, once:
//   aud      – the same claims, audience "annan-tjanst", signed with the provider's own key;
//   expired  – iat/exp an hour in the past, signed with the provider's own key;
//   tampered – the payload changed (groups → admin) and the provider's signature kept.
// POST /test/groups?login=vera&groups=a,b sets a user's groups (the directory changed).
// GET /test/sign?aud=..&sub=..&exp_offset=.. returns a JWT signed with the provider's key, for
// the API bearer tests.
import http from 'node:http';
import crypto from 'node:crypto';
import * as jose from 'jose';
import Provider from 'oidc-provider';

const PORT = Number(process.env.PORT || 0);
const RP_URL = process.env.RP_URL;
const ISSUER = `http://127.0.0.1:${PORT}`;
if (!PORT || !RP_URL) {
  console.error('PORT and RP_URL are required');
  process.exit(2);
}

const USERS = {
  ingrid: { name: 'Ingrid Inspektör', groups: ['av-personal', 'av-inspektor', 'av-region-syd'] },
  sam: { name: 'Sam Samordnare', groups: ['av-samordnare', 'av-region-syd'] },
  julia: { name: 'Julia Jurist', groups: ['av-jurist'] },
  adam: { name: 'Adam Admin', groups: ['av-admin'] },
  ulla: { name: 'Ulla Utan Roll', groups: ['av-personal'] },
  vera: { name: 'Vera Växlar', groups: ['av-inspektor', 'av-region-syd'] },
};

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const privateJwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

const configuration = {
  clients: [
    {
      client_id: 'inspektion',
      client_secret: 'inspektion-test-hemlighet',
      redirect_uris: [`${RP_URL}/logga-in/oidc/callback`],
      post_logout_redirect_uris: [`${RP_URL}/logga-in?utloggad=1`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: 'annan-tjanst',
      client_secret: 'annan-tjanst-hemlighet',
      redirect_uris: ['http://127.0.0.1:9/annan'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [privateJwk] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
  conformIdTokenClaims: false, // the groups ride in the ID token, as with Entra ID and Keycloak
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  async findAccount(ctx, id) {
    const user = USERS[id] || { name: id, groups: [] };
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: user.name, preferred_username: id, email: `${id}@av.example`, groups: user.groups };
      },
    };
  },
  // The agency's own service: no consent screen, as a first-party client would be set up.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email groups');
    await grant.save();
    return grant;
  },
};

const provider = new Provider(ISSUER, configuration);
let nextMode = null;

const sign = (payload) => new jose.SignJWT(payload)
  .setProtectedHeader({ alg: 'RS256', kid: 'test-rs256', typ: 'JWT' })
  .sign(privateKey);

async function changeIdToken(idToken, mode) {
  const claims = jose.decodeJwt(idToken);
  if (mode === 'aud') return sign({ ...claims, aud: 'annan-tjanst', azp: 'annan-tjanst' });
  if (mode === 'expired') {
    const now = Math.floor(Date.now() / 1000);
    return sign({ ...claims, iat: now - 3600, exp: now - 1800 });
  }
  if (mode === 'tampered') {
    const [header, , signature] = idToken.split('.');
    const body = Buffer.from(JSON.stringify({ ...claims, groups: ['av-admin'] })).toString('base64url');
    return `${header}.${body}.${signature}`;
  }
  throw new Error(`unknown mode ${mode}`);
}

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && nextMode && ctx.body?.id_token) {
    const mode = nextMode;
    nextMode = null;
    ctx.body = { ...ctx.body, id_token: await changeIdToken(ctx.body.id_token, mode) };
  }
});

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, ISSUER);
  if (url.pathname === '/test/next-token' && req.method === 'POST') {
    nextMode = url.searchParams.get('mode');
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === '/test/groups' && req.method === 'POST') {
    const login = url.searchParams.get('login');
    const groups = (url.searchParams.get('groups') || '').split(',').filter(Boolean);
    USERS[login] = { ...(USERS[login] || { name: login }), groups };
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === '/test/sign' && req.method === 'GET') {
    const now = Math.floor(Date.now() / 1000) + Number(url.searchParams.get('exp_offset') || 0);
    const token = await sign({
      iss: ISSUER, sub: url.searchParams.get('sub'), aud: url.searchParams.get('aud'),
      iat: now - 60, exp: now + 600,
    });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    return;
  }
  callback(req, res);
});
server.listen(PORT, '127.0.0.1', () => console.log(`oidc-provider på ${ISSUER}`));
