import { z } from 'zod';
import { InputError, NotFoundError } from '../errors';
import { insertAudit } from '../storage/audit-repo';
import type { Database } from '../storage/database';
import { isUniqueViolation } from '../storage/database';
import { deleteSessionsOf } from '../storage/staff-sessions-repo';
import {
  createSignInLink,
  getStaffUser,
  insertStaffUser,
  STAFF_ROLES,
  type StaffRole,
  type StaffUser,
  updateStaffUser,
} from '../storage/staff-users-repo';

/** A sign-in link is good for three days: long enough to reach a new colleague, short enough to go stale if lost. */
export const SIGN_IN_LINK_HOURS = 72;

/** Who is acting: a console user, or an operator at the command line. */
export interface Actor {
  label: string;
  userId?: number;
}

export const NewUser = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'must be an email address' })),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { message: 'must be agent, supervisor or admin' }),
  departments: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
});

/** The link a person follows to choose a password (first time, or after a reset). */
export function signInUrl(publicBaseUrl: string, secret: string): string {
  return `${publicBaseUrl}/staff/welcome?token=${encodeURIComponent(secret)}`;
}

function snapshot(u: StaffUser): Record<string, unknown> {
  return { email: u.email, name: u.name, role: u.role, departments: u.departments, disabled: u.disabled_at !== null };
}

/** Creates an account with no password and returns it with a one-time sign-in link's secret. */
export async function createUser(db: Database, input: unknown, actor: Actor): Promise<{ user: StaffUser; secret: string }> {
  const parsed = NewUser.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.') || 'user'}: ${issue.message}`, String(issue.path[0] ?? 'user'));
  }
  try {
    return await db.transaction(async (tx) => {
      const user = await insertStaffUser(tx, parsed.data);
      const secret = await createSignInLink(tx, user.id, SIGN_IN_LINK_HOURS);
      await insertAudit(tx, { actor: actor.label, userId: actor.userId, action: 'user.create', target: `user:${user.id}`, after: snapshot(user) });
      return { user, secret };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InputError(`email: an account for ${parsed.data.email} already exists`, 'email');
    throw err;
  }
}

/** Disables (or re-enables) an account; disabling ends its sessions in the same transaction. */
export async function setDisabled(db: Database, userId: number, disabled: boolean, actor: Actor): Promise<StaffUser> {
  return db.transaction(async (tx) => {
    const before = await getStaffUser(tx, userId);
    if (!before) throw new NotFoundError(`user ${userId} not found`);
    if (disabled && actor.userId === userId) throw new InputError('you cannot disable your own account', 'user');
    const after = (await updateStaffUser(tx, userId, { disabled }))!;
    if (disabled) await deleteSessionsOf(tx, userId);
    await insertAudit(tx, {
      actor: actor.label,
      userId: actor.userId,
      action: disabled ? 'user.disable' : 'user.enable',
      target: `user:${userId}`,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

/** An admin's password reset: the old password stops working, sessions end, and a new one-time link is made. */
export async function resetPassword(db: Database, userId: number, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const user = await getStaffUser(tx, userId);
    if (!user) throw new NotFoundError(`user ${userId} not found`);
    await updateStaffUser(tx, userId, { password_hash: null });
    await deleteSessionsOf(tx, userId);
    const secret = await createSignInLink(tx, userId, SIGN_IN_LINK_HOURS);
    await insertAudit(tx, { actor: actor.label, userId: actor.userId, action: 'user.reset_password', target: `user:${userId}` });
    return secret;
  });
}

/** Changes role and departments. */
export async function updateUser(
  db: Database,
  userId: number,
  change: { role?: StaffRole; departments?: string[] },
  actor: Actor,
): Promise<StaffUser> {
  return db.transaction(async (tx) => {
    const before = await getStaffUser(tx, userId);
    if (!before) throw new NotFoundError(`user ${userId} not found`);
    if (actor.userId === userId && change.role && change.role !== before.role) throw new InputError('role: you cannot change your own role', 'role');
    const after = (await updateStaffUser(tx, userId, change))!;
    await insertAudit(tx, {
      actor: actor.label,
      userId: actor.userId,
      action: 'user.update',
      target: `user:${userId}`,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}
