import type { ChannelContext } from '../../src/channels/channel';
import { catalogChangeset } from './changeset';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** The spec's service discovery document: where the endpoint is, which formats it speaks, and its jurisdiction when set. */
export async function discovery(ctx: Pick<ChannelContext, 'config' | 'catalog' | 'port'>) {
  const changeset = await catalogChangeset(ctx);
  const { jurisdictionId } = ctx.config.open311;
  return {
    changeset,
    contact: `${ctx.config.city.name} 311, phone ${ctx.config.city.phone}`,
    key_service: 'Open311 API keys are issued by the city (intake311 token create --scope open311).',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${ctx.config.publicBaseUrl}/open311/v2`,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
    ...(jurisdictionId ? { jurisdiction_id: jurisdictionId } : {}),
  };
}
