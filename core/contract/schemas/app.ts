import { z } from 'zod';

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
