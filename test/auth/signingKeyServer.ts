/**
 * A stand-in for a token issuer's OpenID metadata host (login.botframework.com, login.microsoftonline.com)
 * on loopback, and tokens signed with its keys, for tests of how the app fetches and uses signing keys:
 *
 * - `serve`: `/openid` answers the metadata document, whose `jwks_uri` points at `/keys`, the key set;
 * - `hang`: accepts every connection and never answers (a host behind a black-holing proxy);
 * - `fail`: answers 500 to everything.
 *
 * It counts connections and requests, so a test can say how many fetches many requests caused.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

export type KeyServerMode = 'serve' | 'hang' | 'fail';

export interface SigningKeyServer {
  /** The metadata document's URL (what the app's *_OPENID_METADATA_URL settings name). */
  metadataUrl: string;
  mode: KeyServerMode;
  /** Keys published at `/keys` (public JWKs with `kid`, maybe `endorsements`). */
  keys: JWK[];
  /** Connections accepted so far. */
  readonly connections: number;
  /** Paths requested so far, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export async function startSigningKeyServer(
  options: { mode?: KeyServerMode; keys?: JWK[] } = {},
): Promise<SigningKeyServer> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  let connections = 0;
  let base = '';
  const state = { mode: options.mode ?? 'serve', keys: options.keys ?? [] };
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (state.mode === 'hang') return; // never answered; the socket stays open until closed below
    if (state.mode === 'fail') {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream trouble');
      return;
    }
    if (request.url === '/openid') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    } else if (request.url === '/keys') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: state.keys }));
    } else {
      response.writeHead(404).end();
    }
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  return {
    metadataUrl: `${base}/openid`,
    get mode() {
      return state.mode;
    },
    set mode(mode: KeyServerMode) {
      state.mode = mode;
    },
    get keys() {
      return state.keys;
    },
    set keys(keys: JWK[]) {
      state.keys = keys;
    },
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An RSA signing key and its public JWK, as an issuer publishes it. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

export async function signingKey(kid: string, extra: Record<string, unknown> = {}): Promise<SigningKey> {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid, use: 'sig', ...extra };
  return { kid, privateKey: pair.privateKey, jwk };
}

/** A token signed with `key` (or with another key under its kid, for a forgery); `claims` win over defaults. */
export async function signToken(
  key: { kid: string; privateKey: KeyLike },
  claims: Record<string, unknown>,
  options: { expiresInSeconds?: number; alg?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iat: now - 60,
    nbf: now - 60,
    exp: now + (options.expiresInSeconds ?? 3600),
    ...claims,
  })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}
