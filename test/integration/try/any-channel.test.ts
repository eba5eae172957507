import crypto from 'node:crypto';
import express, { Router } from 'express';
import type { ChannelModule } from '../../../src/channels/channel';
import type { ConversationSimulator } from '../../../src/channels/simulator';
import { checkReply } from '../../../src/channels/simulator-error';
import { simulateCommand } from '../../../src/cli/simulate';
import type { ChannelName } from '../../../src/domain/types';
import { CHANNELS } from '../../../src/registry';
import { simulationSecret } from '../../../src/simulation-secret';
import { tryRoutes } from '../../../src/try';
import { terminal } from '../../cli/terminal';
import { postJson, serviceForSuite } from './server';

const sign = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(body).digest('hex');

/** A made-up vendor's wire format, known only to this test: JSON bodies signed with a hex HMAC header. */
const echoSimulator: ConversationSimulator = {
  style: 'conversation',
  slug: 'echo',
  words: { title: 'Echo chat', nav: 'Echo', doing: 'Echoing', vendor: 'EchoCorp', device: 'echo app', example: 'hello' },
  maxLength: 40,
  profile: () => ({ live: false, city: { address: 'echo:city' } }),
  async send(link, city, message) {
    const body = JSON.stringify({ from: message.from, to: city.address, text: message.text });
    const reply = checkReply(
      'echo',
      await link.post('/channels/echo', body, { 'content-type': 'application/json', 'x-echo-signature': sign(link.secret, body) }),
    );
    return (JSON.parse(reply.body) as { replies: string[] }).replies.map((text) => ({ text, media: [] }));
  },
};

/** A channel the core has never heard of: its name is not even in the build's list of names. */
const echoChannel: ChannelModule = {
  name: 'echo' as ChannelName,
  simulator: echoSimulator,
  routes: (ctx) =>
    Router().post('/channels/echo', express.raw({ type: () => true }), (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      if (req.get('x-echo-signature') !== sign(simulationSecret(ctx.config.dataDir), raw)) return void res.status(403).send('bad signature');
      const m = JSON.parse(raw) as { from: string; to: string; text: string };
      res.json({ replies: [`${m.to} heard ${m.from}: ${m.text}`] });
    }),
};

/** The same capability on a channel that has no webhook in this build. */
const quietChannel: ChannelModule = {
  name: 'quiet' as ChannelName,
  simulator: { ...echoSimulator, slug: 'quiet', words: { ...echoSimulator.words, title: 'Quiet' } },
};

describe('/try drives any channel that brings a resident simulator', () => {
  const suite = serviceForSuite({}, [...CHANNELS, echoChannel, quietChannel]);

  it('lists exactly the channels that have a simulator, in registry order, with what each says about itself', async () => {
    const info = await (await fetch(`${suite.svc.url}/try/api/info`)).json();
    expect(Object.keys(info.channels)).toEqual(['sms', 'voice', 'twitter', 'echo', 'quiet']);
    expect(info.channels.echo).toMatchObject({
      mode: 'simulated',
      style: 'conversation',
      slug: 'echo',
      title: 'Echo chat',
      city: { address: 'echo:city' },
      replies_on: 'echo',
    });
    expect(info.channels.quiet).toMatchObject({ mode: 'unavailable' });
    expect(info.channels.quiet.notice).toMatch(/quiet is not available yet/);
  });

  it('gives it a pane on the page, laid out for its style', async () => {
    const html = await (await fetch(`${suite.svc.url}/try`)).text();
    expect(html).toContain('<a href="#echo">Echo</a>');
    expect(html).toMatch(/<section id="echo" class="pane" data-style="conversation" data-channel="echo"/);
    expect(html).toContain('id="echo-thread"');
    expect(html).toContain('<span data-city>echo:city</span>');
  });

  it("sends a resident's message through the channel's own signed webhook and returns its replies", async () => {
    const res = await postJson(`${suite.svc.url}/try/api/echo`, { from: '+15550100123', body: 'pothole on Elm St' });
    expect(res.status).toBe(200);
    expect(res.body.replies).toEqual([{ text: 'echo:city heard +15550100123: pothole on Elm St', media: [] }]);
    const unsigned = await fetch(`${suite.svc.url}/channels/echo`, { method: 'POST', body: '{"from":"x","to":"y","text":"z"}' });
    expect(unsigned.status).toBe(403);
  });

  it("holds the resident to the simulator's limits and refuses a channel without a webhook", async () => {
    const long = await postJson(`${suite.svc.url}/try/api/echo`, { from: '+15550100123', body: 'x'.repeat(41) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/body is longer than 40 characters/);
    const quiet = await postJson(`${suite.svc.url}/try/api/quiet`, { from: '+15550100123', body: 'hello' });
    expect(quiet.status).toBe(503);
    expect(quiet.body.error.code).toBe('channel_unavailable');
  });

  it('stops the boot when two simulators would answer at the same address', () => {
    expect(() => tryRoutes(suite.svc.ctx, [...CHANNELS, echoChannel, { ...echoChannel, name: 'echo2' as ChannelName }])).toThrow(
      /slug "echo" must be unique/,
    );
  });
});

describe('simulate on the command line', () => {
  it("offers the registry's simulators by their words", async () => {
    const t = terminal();
    expect(await simulateCommand(['fax'], t.print, { input: t.input, env: { DATA_DIR: '/tmp/unused' } })).toBe(2);
    expect(t.lines).toEqual(['usage: intake311 simulate sms|voice|tweet [--from PHONE|@handle] [--url BASE_URL]']);
  });
});
