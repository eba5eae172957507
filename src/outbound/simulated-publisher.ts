import type { ChannelName } from '../domain/types';
import type { Logger } from '../logger';
import type { OutboundMessage, Publisher, SendResult } from './publisher';

/**
 * Stands in for a channel with no credentials (or no way to send): the message counts as sent with the id
 * `sim-<channel>-<notification id>`, its text is stored on the row and logged, so the embedded demo and
 * /try show the whole loop. The recipient is never logged.
 */
export class SimulatedPublisher implements Publisher {
  constructor(
    private readonly channel: ChannelName,
    private readonly log: Logger,
  ) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const n = message.notification;
    const providerId = `sim-${this.channel}-${n.id}`;
    this.log.info({ channel: this.channel, case_id: n.case_id, notification_id: n.id, kind: n.kind, text: message.text }, 'simulated notification');
    return { providerId, status: 'simulated' };
  }
}
