import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret simulated Twilio webhooks are signed with, created once per DATA_DIR (file mode 0600).
 * `simulate` and `/try` read the same file, so simulated traffic takes the production verification path.
 */
export function simulationSecret(dataDir: string): string {
  return localSecret(dataDir, 'simulation-secret');
}

/** A random secret created once per DATA_DIR in the file `name` (mode 0600); every process sharing the folder reads the same. */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    // not created yet
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    // Another process created it first: use theirs.
    return fs.readFileSync(file, 'utf8').trim();
  }
}
