import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The person the fake issuer signs in at its next /authorize (as if they had typed their password there). */
export interface FakeIssuerUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

export interface FakeOidcIssuer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Who /authorize signs in next. */
  user: FakeIssuerUser;
  /** Sign ID tokens with a key the JWKS does not publish (a forged token). */
  forgeSignature: boolean;
  /** Token requests seen (to check PKCE and client authentication reached the issuer). */
  tokenRequests: { verifierOk: boolean; clientAuth: 'basic' | 'post' | 'none' }[];
  close(): Promise<void>;
}

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

/**
 * A small OpenID Connect issuer on a local port: discovery, JWKS, an /authorize that signs in `user` at once, and a
 * /token that checks the client secret, the code, the redirect URI and the PKCE verifier before it issues an RS256
 * ID token. openid-client talks to it exactly as it would to Azure AD or Okta.
 */
export async function startFakeOidcIssuer(): Promise<FakeOidcIssuer> {
  const key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rogue = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'fake-key-1';
  const codes = new Map<string, { nonce?: string; challenge?: string; redirect: string; user: FakeIssuerUser }>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeOidcIssuer = {
    url,
    clientId: 'intake311-staff',
    clientSecret: crypto.randomBytes(16).toString('hex'),
    user: { sub: 'u-1', email: 'someone@city.test', email_verified: true },
    forgeSignature: false,
    tokenRequests: [],
    close: () => new Promise((r) => server.close(() => r())),
  };
  const idToken = (claims: Record<string, unknown>) => {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64url(JSON.stringify(claims));
    const sig = crypto.sign('sha256', Buffer.from(`${head}.${body}`), fake.forgeSignature ? rogue.privateKey : key.privateKey);
    return `${head}.${body}.${b64url(sig)}`;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  server.on('request', (req, res) => {
    const u = new URL(req.url ?? '/', url);
    if (u.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: url,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (u.pathname === '/jwks') {
      return json(res, 200, { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    }
    if (u.pathname === '/authorize') {
      const q = u.searchParams;
      if (q.get('client_id') !== fake.clientId || !q.get('redirect_uri')) return json(res, 400, { error: 'invalid_request' });
      const code = crypto.randomBytes(12).toString('hex');
      codes.set(code, {
        nonce: q.get('nonce') ?? undefined,
        challenge: q.get('code_challenge') ?? undefined,
        redirect: q.get('redirect_uri')!,
        user: { ...fake.user },
      });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (u.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
        const [id, secret] = basic
          ? Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent)
          : [form.get('client_id'), form.get('client_secret')];
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const verifierOk = !!grant?.challenge && b64url(crypto.createHash('sha256').update(verifier).digest()) === grant.challenge;
        fake.tokenRequests.push({ verifierOk, clientAuth: basic ? 'basic' : form.get('client_secret') ? 'post' : 'none' });
        if (id !== fake.clientId || secret !== fake.clientSecret) return json(res, 401, { error: 'invalid_client' });
        if (!grant || grant.redirect !== form.get('redirect_uri') || !verifierOk) return json(res, 400, { error: 'invalid_grant' });
        const now = Math.floor(Date.now() / 1000);
        json(res, 200, {
          access_token: crypto.randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken({ iss: url, aud: fake.clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.user }),
        });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  return fake;
}
