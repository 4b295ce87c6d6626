/** Starts the whole bot in this process (startBot, port 0) with its log lines captured for the test to read. */
import { createLogger } from '../../src/log.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { Signal } from '../support/waitUntil.js';
import type { LogLine } from './botProcess.js';

export interface TestBot {
  bot: RunningBot;
  logs: LogLine[];
  /** GET a path on the bot's HTTP server. */
  get(path: string): Promise<Response>;
  /** GET /api/ask?q=… and its JSON. */
  ask(question: string): Promise<{ status: number; headers: Headers; body: AskBody }>;
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export interface AskBody {
  declined?: boolean;
  answers?: { doc: string; passageId: string; snippet: string }[];
  error?: { code: string; message: string };
}

export async function startTestBot(env: Record<string, string>): Promise<TestBot> {
  const logs: LogLine[] = [];
  const news = new Signal('the bot');
  const logger = createLogger({
    level: 'debug',
    pretty: false,
    destination: {
      write(line: string) {
        logs.push(JSON.parse(line) as LogLine);
        news.notify();
      },
    },
  });
  const bot = await startBot({ PORT: '0', ...env }, { logger });
  const get = (path: string) => fetch(`${bot.url}${path}`);
  return {
    bot,
    logs,
    get,
    async ask(question) {
      const response = await get(`/api/ask?q=${encodeURIComponent(question)}`);
      return { status: response.status, headers: response.headers, body: (await response.json()) as AskBody };
    },
    waitForLog(match, timeoutMs = 15_000) {
      return news.waitUntil(() => logs.find(match), timeoutMs);
    },
  };
}
