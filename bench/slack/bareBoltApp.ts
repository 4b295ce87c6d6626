/**
 * The baselines of comparisons 3 and 4: a Bolt app on the same receiver as the bot (Bolt's own HTTPReceiver, its
 * default, which also serves `/healthz` as a custom route), with the same start-up call (auth.test against
 * SLACK_API_URL). Run as plain JavaScript by node, like `npm start` runs the bot: bench/slack/compileBareApp.ts
 * transpiles it into bench/.cache/.
 *
 * - As it is, it acknowledges `/backend` with a fixed text: the bare app.
 * - With `--minisearch`, it loads a saved default MiniSearch index of the same passages at start
 *   (MINISEARCH_INDEX_FILE, written by saveMiniSearchIndex) and acknowledges with the text of the top hit of
 *   `search(question)` (default options), or a fixed text when nothing matches: the floor of any MiniSearch-based
 *   answer. No ranking beyond MiniSearch's, no snippet, no citation, no buttons. MiniSearch is loaded only then, so
 *   the bare app's start pays nothing for it.
 */
import { readFileSync } from 'node:fs';
import { App, HTTPReceiver } from '@slack/bolt';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** Slack's limit for a section's text, the one cut the top passage needs to be a valid message. */
const SECTION_TEXT_MAX = 3000;

/** The answer to a question: the fixed text, or the top MiniSearch hit's text. */
async function answerer(): Promise<(question: string) => string> {
  if (!process.argv.includes('--minisearch')) return () => 'Thanks, noted.';
  const { default: MiniSearch } = await import('minisearch');
  const saved = JSON.parse(readFileSync(env('MINISEARCH_INDEX_FILE'), 'utf8')) as { index: string; texts: string[] };
  const search = MiniSearch.loadJSON(saved.index, { fields: ['heading', 'context', 'text'] });
  return (question) => {
    const top = search.search(question)[0];
    return top === undefined ? 'Nothing found.' : (saved.texts[top.id as number] ?? '').slice(0, SECTION_TEXT_MAX);
  };
}

const answer = await answerer();
const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  receiver: new HTTPReceiver({
    signingSecret: env('SLACK_SIGNING_SECRET'),
    endpoints: '/slack/events',
    customRoutes: [
      {
        path: '/healthz',
        method: 'GET',
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        },
      },
    ],
  }),
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
  deferInitialization: true,
  convoStore: false,
});
app.command('/backend', async ({ ack, command }) => {
  await ack({ response_type: 'ephemeral', text: answer(command.text) });
});
await app.init();
await app.start({ port: Number(env('PORT')), host: '127.0.0.1' });
