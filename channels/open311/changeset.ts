import crypto from 'node:crypto';
import type { ChannelContext } from '../../src/channels/channel';

const STATE_KEY = 'catalog_changeset';

/**
 * The discovery `changeset`: when the catalog last changed, as a W3C date-time. A fingerprint of the catalog is
 * kept with the time it was first served; a different catalog (a new service, a changed attribute) gets a new
 * time, which tells clients that cache service definitions to fetch them again.
 */
export async function catalogChangeset(ctx: Pick<ChannelContext, 'catalog' | 'port'>, now = new Date()): Promise<string> {
  const { city, services, defaultServiceCode } = ctx.catalog;
  const fingerprint = crypto.createHash('sha256').update(JSON.stringify({ city, services, defaultServiceCode })).digest('hex').slice(0, 16);
  const stored = await ctx.port.state.get('open311', STATE_KEY);
  const [seen, at] = stored?.split(' ') ?? [];
  if (seen === fingerprint && at) return at;
  const changed = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  await ctx.port.state.set('open311', STATE_KEY, `${fingerprint} ${changed}`);
  return changed;
}
