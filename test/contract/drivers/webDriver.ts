import type { AnswerJson } from '../../../src/answer/toAnswerJson.js';
import type { HelpContent } from '../../../src/service/types.js';
import { startWebApp } from '../../web/webServer.js';
import { fullGate, type ButtonKind, type FrontEndDriver, type Shown } from '../frontEndContract.js';

type Body = Partial<AnswerJson> & { help?: HelpContent; error?: { code: string; message: string }; message?: string };

/**
 * The web front end as a program or the playground page sees it: `GET /api/ask` and `POST /api/feedback`. Mentions
 * mean nothing on the web (nothing there pings anyone), so `livePings` checks instead that every reply is JSON
 * data, never a page a browser would render.
 */
async function read(response: Response, question: string): Promise<Shown> {
  const problems: string[] = [];
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json'))
    problems.push(`content-type ${response.headers.get('content-type')}`);
  if (response.status >= 500 && response.status !== 503) problems.push(`status ${response.status}`);
  const body = (await response.json()) as Body;
  const answers = body.answers ?? [];
  const citations = answers.map(
    (a) => `${a.title} › ${a.section} — ${[a.author ?? a.publisher, a.date].filter(Boolean).join(', ')}`,
  );
  const text = [
    body.error?.message,
    body.message,
    body.help?.intro,
    ...(body.help?.examples ?? []),
    ...(body.help?.topics ?? []),
    ...answers.flatMap((a, i) => [a.snippet, citations[i]]),
    ...(body.suggestions ?? []),
  ].filter((t): t is string => typeof t === 'string');
  const buttons: ButtonKind[] = answers.length > 0 ? ['helpful', 'notHelpful'] : [];
  if (body.hasMore) buttons.push('more');
  return {
    text: text.join('\n'),
    quotes: answers.map((a) => a.snippet),
    citations,
    buttons,
    declined: body.declined === true,
    livePings: [],
    problems,
    raw: { question, body },
  };
}

export const webDriver: FrontEndDriver = {
  name: 'web',
  mentions: '@everyone @here',
  async start(options) {
    const web = await startWebApp({
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
      ...(options.full ? { gate: fullGate() } : {}),
    });
    const ask = async (question: string, offset = 0) =>
      read(
        await fetch(`${web.url}/api/ask?q=${encodeURIComponent(question)}${offset ? `&offset=${offset}` : ''}`),
        question,
      );
    const vote = async (question: string, passageId: string, helpful: boolean) =>
      read(
        await fetch(`${web.url}/api/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question, passageId, helpful }),
        }),
        question,
      );
    return {
      core: web.core,
      ask: (question) => ask(question),
      async press(shown, kind) {
        const { question, body } = shown.raw as { question: string; body: Body };
        const first = body.answers?.[0];
        if (kind === 'more' && body.hasMore) return ask(question, (body.offset ?? 0) + (body.answers?.length ?? 0));
        if ((kind === 'helpful' || kind === 'notHelpful') && first)
          return vote(question, first.passageId, kind === 'helpful');
        throw new Error(`no ${kind} button`);
      },
      // A vote from a page opened before the corpus lost that document.
      pressStale: () => vote('what does a DevOps developer do', 'a-document-removed-since#3', true),
      close: () => web.close(),
    };
  },
};
