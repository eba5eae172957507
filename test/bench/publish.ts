/**
 * npm run bench:publish — closes N cases at a steady rate and measures close -> provider-accepted latency
 * (the staff PATCH's transaction start to the fake provider receiving the SMS), through the real outbox
 * relay, queue and send processor against real PostgreSQL and Redis, with a fake provider that has no rate
 * limit. Target: p99 < 500 ms at 100 closes/s.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379; set BENCH_QUEUE=memory for the in-process queue), BENCH_CLOSES (default 1000),
 * BENCH_RATE (closes per second, default 100).
 */
import { SMS_TEXT_BUDGET } from '../../channels/sms/text-budget';
import { startOutbound } from '../../src/outbound/start-outbound';
import { fakeChannel } from '../fakes/fake-provider';
import { withOutboundStage } from './outbound-stage';
import { until } from './until';

const CLOSES = Number(process.env.BENCH_CLOSES ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  await withOutboundStage(
    (provider) => fakeChannel('sms', provider, SMS_TEXT_BUDGET),
    async ({ ctx, queue, provider, channels }) => {
      const stop = await startOutbound(ctx, channels);

      // Open the cases first; each reporter gets its tracking-number SMS before the timed part starts.
      const ids: number[] = [];
      for (let i = 0; i < CLOSES; i++) {
        const out = await ctx.intake.submit({
          channel: 'sms',
          providerMessageId: `bench-${i}`,
          reporter: { address: `+1555${String(i).padStart(7, '0')}` },
          text: `pothole number ${i} on Elm St`,
          media: [],
          raw: {},
        });
        ids.push(out.case.service_request_id);
      }
      await until(() => provider.accepted.length >= CLOSES, 'the opening messages', 120_000, 5);
      const opened = provider.accepted.length;

      const closedAt = new Map<string, number>();
      const started = Date.now();
      const closes: Array<Promise<unknown>> = [];
      for (let i = 0; i < CLOSES; i++) {
        const due = started + (i * 1000) / RATE;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        closedAt.set(`+1555${String(i).padStart(7, '0')}`, Date.now());
        closes.push(ctx.cases.update(ids[i], { status: 'closed', status_notes: 'Filled and resurfaced.' }, 'staff:bench'));
      }
      await Promise.all(closes);
      const closeSeconds = (Date.now() - started) / 1000;
      await until(() => provider.accepted.length >= opened + CLOSES, 'the closing messages', 120_000, 5);

      const latencies = provider.accepted
        .slice(opened)
        .map((m) => m.at - (closedAt.get(m.to) as number))
        .sort((a, b) => a - b);
      const duplicates = provider.accepted.length - opened - CLOSES;
      console.log(`bench:publish  queue=${queue.kind}  closes=${CLOSES}  offered=${RATE}/s  achieved=${(CLOSES / closeSeconds).toFixed(1)}/s`);
      console.log(
        `close -> provider accepted  p50=${percentile(latencies, 50)} ms  p99=${percentile(latencies, 99)} ms  max=${latencies[latencies.length - 1]} ms  duplicates=${duplicates}`,
      );
      console.log(`target p99 < 500 ms: ${percentile(latencies, 99) < 500 ? 'met' : 'NOT met'}`);
      await stop();
    },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
