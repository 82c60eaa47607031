// Background work a server does on its own (expiring reservations, refreshing parcels): once when
// the app is ready, then on a timer that never keeps the process alive, and stopped on close.
import type { FastifyInstance } from 'fastify';

export function runPeriodically(
  app: FastifyInstance,
  everyMs: number,
  /** What failed, for the log: "<what> failed; will retry". */
  what: string,
  work: () => Promise<void>,
): void {
  if (everyMs <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    try {
      await work();
    } catch (error) {
      app.log.error({ err: error }, `${what} failed; will retry`);
    }
  };
  app.addHook('onReady', async () => {
    await run();
    timer = setInterval(() => void run(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
