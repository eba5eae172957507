import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import twilio from 'twilio';
import { FakeTwilioApi } from '../../fakes/twilio-api';
import { exited, freePort, startCli } from '../../support/cli';

/**
 * The production shape of docs/deployment.md: Debian's nginx terminating TLS (a certificate made here with openssl)
 * in front of `intake311 serve` bound to 127.0.0.1, with docs/examples/nginx-intake311.conf as written, only ports
 * and certificate paths changed. Twilio signs the public https URL; clients come from two loopback addresses.
 */
const HOSTNAME = '311.example.gov';
const AUTH_TOKEN = 'nginx-test-auth-token-0123456789';
const METRICS_TOKEN = 'metrics-scraper-token-0123456789';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

describe('behind nginx with TLS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-nginx-'));
  let nginx: ChildProcess;
  let app: ChildProcess;
  let twilioFake: FakeTwilioApi;
  let appPort: number;
  let httpsPort: number;
  let cert: Buffer;

  /** An HTTPS request to nginx, from `from` (a loopback address), verifying the certificate for HOSTNAME. */
  const send = (method: string, urlPath: string, options: { from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          servername: HOSTNAME,
          ca: cert,
          method,
          path: urlPath,
          localAddress: options.from ?? '127.0.0.2',
          headers: { host: `${HOSTNAME}:${httpsPort}`, ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, body: bytes.toString('utf8'), headers: res.headers, bytes });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${HOSTNAME}`,
        '-addext',
        `subjectAltName=DNS:${HOSTNAME}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = fs.readFileSync(path.join(dir, 'cert.pem'));
    appPort = await freePort();
    httpsPort = await freePort();
    const deadPort = await freePort();

    const site = fs
      .readFileSync(path.join(__dirname, '../../../docs/examples/nginx-intake311.conf'), 'utf8')
      .replace('listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`)
      .replace('127.0.0.1:3000', `127.0.0.1:${appPort}`)
      // The second web process is down (mid-restart): every request must still be answered by the first.
      .replace('127.0.0.1:3001', `127.0.0.1:${deadPort}`)
      .replace(`/etc/ssl/certs/${HOSTNAME}.pem`, path.join(dir, 'cert.pem'))
      .replace(`/etc/ssl/private/${HOSTNAME}.key`, path.join(dir, 'key.pem'));
    fs.writeFileSync(path.join(dir, 'site.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${path.join(dir, t)};`).join('\n  ');
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
daemon off;
events {}
http {
  access_log off;
  # As Debian's /etc/nginx/nginx.conf has it for every site: the site's own configuration must turn it off for HTML.
  gzip on;
  ${temp}
  include ${path.join(dir, 'site.conf')};
}
`,
    );
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });

    twilioFake = await new FakeTwilioApi(undefined, AUTH_TOKEN).start();
    const started = await startCli(
      ['serve'],
      {
        ...twilioFake.env(),
        PORT: String(appPort),
        HOST: '127.0.0.1',
        DATA_DIR: path.join(dir, 'data'),
        PUBLIC_BASE_URL: `https://${HOSTNAME}:${httpsPort}`,
        TRUST_PROXY: '127.0.0.1',
        RATE_LIMIT_AUTH_FAILURES: '3/300',
        METRICS_TOKEN,
      },
      'intake311 is running at',
      90_000,
    );
    app = started.child;
    for (let i = 0; i < 100; i++) {
      const ok = await send('GET', '/healthz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await exited(app);
    }
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await exited(nginx);
    }
    await twilioFake?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const smsParams = () => ({
    MessageSid: `SM${crypto.randomBytes(16).toString('hex')}`,
    AccountSid: twilioFake.accountSid,
    From: '+16175550142',
    To: '+16175550311',
    Body: 'big pothole outside 12 Elm St',
    NumMedia: '0',
  });
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

  it('a webhook Twilio signed for the public https URL is accepted through the proxy; one signed for the internal URL is refused', async () => {
    const params = smsParams();
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `https://${HOSTNAME}:${httpsPort}/channels/sms`, params);
    const accepted = await send('POST', '/channels/sms', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: form(params),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toContain('<Response>');

    const other = smsParams();
    const internal = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `http://127.0.0.1:${appPort}/channels/sms`, other);
    const refused = await send('POST', '/channels/sms', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': internal },
      body: form(other),
    });
    expect(refused.status).toBe(403);
  });

  it('per-IP limits see the client nginx saw, not an X-Forwarded-For the client made up', async () => {
    const wrong = (from: string, spoof: string) =>
      send('GET', '/api/v1/cases', { from, headers: { authorization: 'Bearer not-a-real-token', 'x-forwarded-for': spoof } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrong('127.0.0.2', `203.0.113.${i + 1}`)).status);
    // Three failures allowed, then 429, although each request claimed another address.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another client is not punished for the first one's failures.
    expect((await wrong('127.0.0.3', '203.0.113.1')).status).toBe(401);
  });

  it('/metrics is closed at the proxy, and needs METRICS_TOKEN on the process itself', async () => {
    expect((await send('GET', '/metrics')).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${appPort}/metrics`)).status).toBe(401);
    const scraped = await fetch(`http://127.0.0.1:${appPort}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
  });

  it('compresses the public API and the Atom feed for clients that ask, and never the HTML pages', async () => {
    // Reports by text from four residents in four categories (none is a duplicate), so the feed and the list have entries.
    const reports = [
      'graffiti on the wall outside 12 Elm St',
      'street light out outside 12 Elm St',
      'dead raccoon outside 12 Elm St',
      'abandoned car outside 12 Elm St',
    ];
    const text = (from: string, body: string) => {
      const params = { ...smsParams(), From: from, Body: body };
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `https://${HOSTNAME}:${httpsPort}/channels/sms`, params);
      return send('POST', '/channels/sms', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: form(params),
      });
    };
    for (const [i, report] of reports.entries()) {
      expect((await text(`+1617555020${i}`, report)).body).toMatch(/12 Elm St, Charlestown\? Reply YES/);
      expect((await text(`+1617555020${i}`, 'YES')).status).toBe(200);
    }
    for (let i = 0; i < 50 && (JSON.parse((await send('GET', '/open311/v2/requests.json')).body) as unknown[]).length < reports.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const gzip = { 'accept-encoding': 'gzip' };
    for (const url of ['/open311/v2/services.json', '/open311/v2/services.xml', '/open311/v2/requests.json', '/feed.atom']) {
      const plain = await send('GET', url);
      const packed = await send('GET', url, { headers: gzip });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect({ url, encoding: packed.headers['content-encoding'] }).toEqual({ url, encoding: 'gzip' });
      expect(packed.headers.vary).toMatch(/Accept-Encoding/);
      expect(zlib.gunzipSync(packed.bytes).toString('utf8')).toBe(plain.body);
      expect(packed.bytes.length).toBeLessThan(plain.bytes.length / 2);
    }
    // The staff console's sign-in page carries a CSRF token: compressing it next to reflected text would leak it.
    const login = await send('GET', '/staff/login?next=/staff', { headers: gzip });
    expect(login.status).toBe(200);
    expect(login.headers['content-type']).toMatch(/text\/html/);
    expect(login.headers['content-encoding']).toBeUndefined();
  });

  it('the public pages and the live stream work through the proxy; SIGTERM ends the process cleanly', async () => {
    expect((await send('GET', '/?lang=es')).status).toBe(200);
    const atom = await send('GET', '/feed.atom');
    expect(atom.status).toBe(200);
    expect(atom.body).toContain(`https://${HOSTNAME}:${httpsPort}/`);
    app.kill('SIGTERM');
    expect(await exited(app)).toBe(0);
  });
});
