/** Waits, polling, until `check` holds; a bench that waits longer than `timeoutMs` fails naming `what`. */
export async function until(check: () => boolean, what: string, timeoutMs: number, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
