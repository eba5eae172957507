import { type BaseClient, custom, generators, Issuer } from 'openid-client';
import type { SsoConfig } from '../config';

/** What a finished sign-in at the issuer tells us: the person's verified email. */
export interface SsoIdentity {
  email: string;
  subject: string;
}

/** The per-attempt secrets the browser carries between leaving for the issuer and coming back. */
export interface SsoAttempt {
  state: string;
  nonce: string;
  verifier: string;
}

/** The issuer did not answer, answered nonsense, or refused the code: the person should retry or use a password. */
export class SsoError extends Error {}

/**
 * OpenID Connect's authorization code flow with PKCE, through openid-client (v5, the line that loads as
 * CommonJS, which this project builds to). The issuer's metadata is read at the first sign-in, not at boot, so a
 * city's identity provider being down never stops the service; a failed discovery is retried next time.
 */
export function createSso(config: SsoConfig, redirectUri: string) {
  custom.setHttpOptionsDefaults({ timeout: 5000 });
  let client: Promise<BaseClient> | undefined;
  const getClient = (): Promise<BaseClient> => {
    client ??= Issuer.discover(config.issuerUrl).then(
      (issuer) =>
        new issuer.Client({
          client_id: config.clientId,
          client_secret: config.clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
        }),
      (err: Error) => {
        client = undefined;
        throw new SsoError(`single sign-on: the issuer's discovery failed: ${err.message}`);
      },
    );
    return client;
  };

  return {
    label: config.label,
    /** Where to send the browser, and the secrets to keep (in a short-lived cookie) until it returns. */
    async start(): Promise<{ url: string; attempt: SsoAttempt }> {
      const attempt = { state: generators.state(), nonce: generators.nonce(), verifier: generators.codeVerifier() };
      const url = (await getClient()).authorizationUrl({
        scope: 'openid email profile',
        state: attempt.state,
        nonce: attempt.nonce,
        code_challenge: generators.codeChallenge(attempt.verifier),
        code_challenge_method: 'S256',
      });
      return { url, attempt };
    },
    /**
     * Checks the issuer's answer (state, code exchange, the ID token's signature, issuer, audience, expiry and
     * nonce: openid-client does all of these) and returns who signed in.
     */
    async finish(callbackUrl: string, attempt: SsoAttempt): Promise<SsoIdentity> {
      const c = await getClient();
      try {
        const tokens = await c.callback(redirectUri, c.callbackParams(callbackUrl), {
          state: attempt.state,
          nonce: attempt.nonce,
          code_verifier: attempt.verifier,
        });
        const claims = tokens.claims();
        const email = typeof claims.email === 'string' ? claims.email : undefined;
        // An issuer that says the address is unverified is not trusted with it; one that says nothing is (Azure AD).
        if (!email || claims.email_verified === false) throw new SsoError('single sign-on: the issuer gave no verified email');
        return { email, subject: claims.sub };
      } catch (err) {
        if (err instanceof SsoError) throw err;
        throw new SsoError(`single sign-on: ${(err as Error).message}`);
      }
    },
  };
}

export type Sso = ReturnType<typeof createSso>;
