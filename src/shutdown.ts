import type { Server, ServerResponse } from 'node:http';
import type { Logger } from './log.js';

/** One thing to release on the way out (an adapter, the store); a failure is logged and the rest still run. */
export interface ShutdownStep {
  name: string;
  run: () => unknown;
}

/** The three phases of a shutdown, supplied by the composition root that knows what is running. */
export interface GracefulShutdownOptions {
  logger: Logger;
  /** The bounded wait for work in flight; past it, shutdown goes on without it. */
  timeoutMs: number;
  /** Stops taking new work (closes the listener, marks the bot not ready). */
  stopAccepting: () => void;
  /** Resolves when the work in flight has finished. */
  drain: () => Promise<void>;
  /** Run in order once drained (or timed out). */
  release: ShutdownStep[];
}

/** The outcome, for the exit code and the last log line. */
export interface ShutdownResult {
  /** False when the bounded wait ran out before the work in flight finished. */
  drained: boolean;
  ms: number;
}

/**
 * Turns SIGTERM into an orderly stop: refuse new work, let the answers in flight finish within a bound, then
 * release adapters and the store in order. Idempotent: a second call gets the first call's promise.
 */
export function createGracefulShutdown(options: GracefulShutdownOptions): (reason: string) => Promise<ShutdownResult> {
  let result: Promise<ShutdownResult> | undefined;
  return (reason) => {
    result ??= (async () => {
      const started = performance.now();
      const log = options.logger.child({ component: 'shutdown' });
      log.info({ reason, timeoutMs: options.timeoutMs }, 'shutting down: no new requests, finishing those in flight');
      options.stopAccepting();
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        options.drain().then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), options.timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained)
        log.warn({ timeoutMs: options.timeoutMs }, 'work still in flight at the shutdown deadline; stopping anyway');
      for (const step of options.release) {
        try {
          await step.run();
        } catch (error) {
          log.error({ err: error, step: step.name }, `could not stop ${step.name} cleanly`);
        }
      }
      const ms = Math.round(performance.now() - started);
      log.info({ drained, ms }, 'stopped');
      return { drained, ms };
    })();
    return result;
  };
}

/** The HTTP side of a graceful shutdown: requests in flight, counted so shutdown can wait for them. */
export interface HttpDrain {
  readonly active: number;
  /** Stops listening and answers the requests in flight with `Connection: close`; resolves when they are done. */
  close(): Promise<void>;
  /** Stops listening and drops every connection, idle or not: for after the deadline, or a failed start. */
  destroy(): void;
}

/**
 * Counts the requests on `server` so a shutdown waits for them rather than for keep-alive connections,
 * which a load balancer may hold open indefinitely.
 */
export function trackHttpRequests(server: Server): HttpDrain {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  let waiters: (() => void)[] = [];

  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (closing) res.shouldKeepAlive = false;
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0 && closing) {
        for (const resolve of waiters) resolve();
        waiters = [];
      }
    });
  });

  return {
    get active() {
      return inFlight.size;
    },
    close() {
      closing = true;
      // Node closes idle keep-alive sockets on close(); a socket whose response is still being made closes after it.
      server.close();
      for (const res of inFlight) res.shouldKeepAlive = false;
      if (inFlight.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    destroy() {
      server.close();
      server.closeAllConnections();
    },
  };
}
