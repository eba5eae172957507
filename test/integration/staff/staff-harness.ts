import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/http/app';
import { createUser } from '../../../src/staff/accounts';
import { hashPassword } from '../../../src/staff/password';
import { findSignInLink, type StaffRole, type StaffUser, updateStaffUser } from '../../../src/storage/staff-users-repo';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

export const PASSWORD = 'correct horse battery staple';

/** A signed-in browser, as supertest sees it: its cookies, and the CSRF token its pages carry. */
export interface StaffClient {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  user: StaffUser;
}

export interface StaffHarness {
  ctx: TestContext;
  app: Express;
  db: Awaited<ReturnType<typeof freshPgDatabase>>;
  /** An account with a password set (as if its sign-in link had been used). */
  account(role: StaffRole, email?: string): Promise<StaffUser>;
  signIn(user: StaffUser, password?: string): Promise<StaffClient>;
  /** An SMS report from `phone`, with the reporter subscribed. */
  smsCase(text: string, phone?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF field on the page: ${html.slice(0, 300)}`);
  return m[1];
}

export async function startStaffHarness(env: Record<string, string> = {}): Promise<StaffHarness> {
  const db = await freshPgDatabase();
  const ctx = await testContext(db, { env: { PUBLIC_BASE_URL: 'http://311.test', ...env } });
  const app = createApp(ctx, ctx.channels);
  let n = 0;
  let sid = 0;
  const account = async (role: StaffRole, email = `${role}${++n}@city.test`) => {
    const { user } = await createUser(
      db,
      { email, name: `${role[0].toUpperCase()}${role.slice(1)} ${n}`, role, departments: ['Public Works'] },
      { label: 'test' },
    );
    await updateStaffUser(db, user.id, { password_hash: await hashPassword(PASSWORD) });
    return user;
  };
  const signIn = async (user: StaffUser, password = PASSWORD): Promise<StaffClient> => {
    const agent = request.agent(app);
    const form = await agent.get('/staff/login');
    const res = await agent
      .post('/staff/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: user.email, password, next: '/staff' });
    if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
    const home = await agent.get('/staff');
    return { agent, csrf: csrfOf(home.text), user };
  };
  const smsCase = async (text: string, phone = '+16175550100') => {
    const out = await ctx.intake.submit({
      channel: 'sms',
      providerMessageId: `SM-staff-${++sid}-${Date.now()}`,
      reporter: { address: phone },
      text,
      media: [],
      raw: {},
    });
    return Number(out.case.service_request_id);
  };
  return {
    ctx,
    app,
    db,
    account,
    signIn,
    smsCase,
    stop: async () => {
      await ctx.queue.close();
      await db.close();
    },
  };
}

export { findSignInLink };
