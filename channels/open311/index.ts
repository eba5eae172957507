import type { ChannelModule } from '../../src/channels/channel';
import { open311Routes } from './routes';

/**
 * The open311 channel: a GeoReport v2 server at /open311/v2. Apps post reports with an `open311` API key
 * and read public requests; answers are synchronous, so it has no publisher or worker of its own.
 */
export const open311Channel: ChannelModule = {
  name: 'open311',
  routes: open311Routes,
};

declare module '../../src/domain/types' {
  interface ChannelNames {
    open311: true;
  }
}
