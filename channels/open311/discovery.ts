import type { ChannelContext } from '../../src/channels/channel';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
// When this server's GeoReport interface last changed, as discovery documents report it.
const CHANGESET = '2026-01-01T00:00:00Z';

/** The spec's service discovery document: where the endpoint is and which formats it speaks. */
export function discovery(ctx: Pick<ChannelContext, 'config' | 'catalog'>) {
  return {
    changeset: CHANGESET,
    contact: `${ctx.catalog.city} 311`,
    key_service: 'Open311 API keys are issued by the city (intake311 token create --scope open311).',
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${ctx.config.publicBaseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
