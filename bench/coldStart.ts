/**
 * Comparison 4: from spawning the process to the first `/healthz` 200, the bot (as `node dist/start/main.js` and
 * as `npm start`) against the bare Bolt app, with the peak RSS each reached by then. The bot starts with a fresh
 * DATA_DIR every time, so it indexes the corpus folder, and again with the DATA_DIR a first (untimed) start left,
 * where it loads the index saved there, as every start does while the corpus is unchanged.
 */
import { median } from './support/stats.js';
import { startApp, type AppKind, type StartOptions } from './slack/appsUnderTest.js';

export interface ColdStartAppResult {
  app: AppKind;
  /** Medians over the runs. */
  readyMs: number;
  peakRssBytes: number;
  runs: { readyMs: number; peakRssBytes: number }[];
}

export interface ColdStartResult {
  apps: ColdStartAppResult[];
}

/** Runs comparison 4: `repeats` starts of each app, interleaved. */
export async function compareColdStart(
  options: StartOptions & { repeats: number; progress: (message: string) => void },
): Promise<ColdStartResult> {
  const kinds: AppKind[] = [
    'bot',
    'bot, index saved',
    'bare Bolt app',
    'bare Bolt app + MiniSearch',
    'bot via npm start',
  ];
  const runs = new Map<AppKind, { readyMs: number; peakRssBytes: number }[]>(kinds.map((k) => [k, []]));
  options.progress(`starting each app ${options.repeats} times`);
  // The first start saves the index in the kept DATA_DIR, and warms the file cache for everyone.
  await (await startApp('bot, index saved', options)).stop();
  for (let round = 0; round < options.repeats; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length]!;
      const app = await startApp(kind, options);
      runs.get(kind)!.push({ readyMs: app.readyMs, peakRssBytes: app.peakRssAtReadyBytes });
      await app.stop();
    }
  }
  return {
    apps: kinds.map((app) => {
      const r = runs.get(app)!;
      return {
        app,
        readyMs: median(r.map((x) => x.readyMs)),
        peakRssBytes: median(r.map((x) => x.peakRssBytes)),
        runs: r,
      };
    }),
  };
}
