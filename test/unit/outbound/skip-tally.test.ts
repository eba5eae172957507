import type { Logger } from '../../../src/logger';
import { SkipTally } from '../../../src/outbound/skip-tally';

describe('stale feed skips are logged with a count, not once per post', () => {
  it('logs the first skip at once, then one line with the count for the rest of the interval', () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = { warn: (fields: Record<string, unknown>) => lines.push(fields) } as unknown as Logger;
    const tally = new SkipTally(log, 'twitter', 'too old', 3_600_000);
    for (let i = 0; i < 500; i++) tally.add();
    expect(lines).toHaveLength(1);
    tally.flush();
    expect(lines.map((l) => l.skipped)).toEqual([1, 499]);
    expect(lines[1]).toMatchObject({ channel: 'twitter', reason: 'too old' });
    tally.flush();
    expect(lines).toHaveLength(2);
  });
});
