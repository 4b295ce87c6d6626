/**
 * The floor of comparisons 3 and 4 for any MiniSearch-based answer: the bare Bolt app (same receiver, `/healthz`,
 * auth.test at start) that loads a saved default MiniSearch index of the same passages at start and acknowledges
 * `/backend` with the text of the top hit of `search(question)` (default options), or a fixed text when nothing
 * matches. No ranking beyond MiniSearch's, no snippet, no citation, no buttons. Run as plain JavaScript like the bare
 * app (see compileBareApp); the index file comes from saveMiniSearchIndex.
 */
import { readFileSync } from 'node:fs';
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import MiniSearch from 'minisearch';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** Slack's limit for a section's text, the one cut the top passage needs to be a valid message. */
const SECTION_TEXT_MAX = 3000;

const saved = JSON.parse(readFileSync(env('MINISEARCH_INDEX_FILE'), 'utf8')) as { index: string; texts: string[] };
const search = MiniSearch.loadJSON(saved.index, { fields: ['heading', 'context', 'text'] });
const { texts } = saved;

const web = express();
web.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  receiver: new ExpressReceiver({ signingSecret: env('SLACK_SIGNING_SECRET'), endpoints: '/slack/events', app: web }),
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
  deferInitialization: true,
  convoStore: false,
});
app.command('/backend', async ({ ack, command }) => {
  const top = search.search(command.text)[0];
  const text = top === undefined ? 'Nothing found.' : (texts[top.id as number] ?? '').slice(0, SECTION_TEXT_MAX);
  await ack({ response_type: 'ephemeral', text });
});
await app.init();
web.listen(Number(env('PORT')), '127.0.0.1');
