import { z } from 'zod';

/** A query parameter holding a comma-separated list, each item checked by `item` (`?status=open,closed`). */
export const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
