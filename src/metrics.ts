import client from 'prom-client';

/** The service's Prometheus metrics, in one registry per process (tests build several apps). */
export interface Metrics {
  registry: client.Registry;
  casesCreated: client.Counter<'channel'>;
  inboundMessages: client.Counter<'channel' | 'outcome'>;
  webhookLatency: client.Histogram<'route' | 'status'>;
  notificationsSent: client.Counter<'channel' | 'outcome'>;
  notificationLatency: client.Histogram<'channel'>;
  feedPostsSkipped: client.Counter<'channel' | 'reason'>;
  connectorDeliveries: client.Counter<'connector' | 'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'intake311_' });
  return {
    registry,
    casesCreated: new client.Counter({
      name: 'intake311_cases_created_total',
      help: 'Cases created, by the channel they came in on',
      labelNames: ['channel'],
      registers: [registry],
    }),
    inboundMessages: new client.Counter({
      name: 'intake311_inbound_messages_total',
      help: 'Inbound messages by channel and outcome (processed, duplicate, rejected)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    webhookLatency: new client.Histogram({
      name: 'intake311_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    notificationsSent: new client.Counter({
      name: 'intake311_notifications_total',
      help: 'Outbound notifications by channel and outcome (sent, failed, retried, rate_limited, interrupted, reconciled_sent, reconciled_not_sent)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    notificationLatency: new client.Histogram({
      name: 'intake311_notification_latency_seconds',
      help: 'Time from a notification being committed to the provider accepting it',
      labelNames: ['channel'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    feedPostsSkipped: new client.Counter({
      name: 'intake311_feed_posts_skipped_total',
      help: 'Public feed posts not sent because the feed was behind (reason stale: older than FEED_MAX_AGE_MINUTES when their turn came)',
      labelNames: ['channel', 'reason'],
      registers: [registry],
    }),
    connectorDeliveries: new client.Counter({
      name: 'intake311_connector_deliveries_total',
      help: 'Deliveries to downstream systems by connector and outcome (sent, retried, rate_limited, dead)',
      labelNames: ['connector', 'outcome'],
      registers: [registry],
    }),
  };
}
