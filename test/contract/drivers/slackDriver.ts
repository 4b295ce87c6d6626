import { ActionId, ASK_BUTTON_PATTERN, SLASH_COMMAND } from '../../../adapters/slack/ids.js';
import { buttonClickBody, slackMessageProblems, slashCommandBody } from '../../support/fakeSlack.js';
import { buttons, citations, quotes, textObjects, visibleText, type SentMessage } from '../../slack/readMessage.js';
import { ACTOR, startSlackHarness } from '../../slack/slackHarness.js';
import { fullGate, type ButtonKind, type FrontEndDriver, type Shown } from '../frontEndContract.js';

const KIND_OF: Record<string, ButtonKind> = {
  [ActionId.share]: 'share',
  [ActionId.helpful]: 'helpful',
  [ActionId.notHelpful]: 'notHelpful',
  [ActionId.more]: 'more',
};
const kindOf = (actionId: string | undefined): ButtonKind | undefined =>
  actionId === undefined ? undefined : ASK_BUTTON_PATTERN.test(actionId) ? 'ask' : KIND_OF[actionId];

/**
 * What Slack would turn into a ping: mention markup in any mrkdwn, and `@channel`-style words in mrkdwn that Slack
 * is allowed to parse (a text object without `verbatim: true`).
 */
function livePings(message: SentMessage): string[] {
  const mrkdwn = [{ type: 'mrkdwn', text: String(message.text ?? ''), verbatim: true }, ...textObjects(message)].filter(
    (t) => t.type === 'mrkdwn',
  );
  const pings: string[] = [];
  for (const t of mrkdwn) {
    pings.push(...(t.text.match(/<!(channel|here|everyone)[^>]*>|<!subteam\^[^>]*>|<@[UW][A-Z0-9]*>/g) ?? []));
    if (t.verbatim !== true) pings.push(...(t.text.match(/@(channel|here|everyone)\b/g) ?? []));
  }
  // Slack notifies each person or group once per message, however often the message names them.
  return [...new Set(pings)];
}

export function read(message: SentMessage): Shown {
  return {
    text: visibleText(message),
    quotes: quotes(message),
    citations: citations(message),
    buttons: buttons(message)
      .map((b) => kindOf(b.action_id))
      .filter((k): k is ButtonKind => k !== undefined),
    declined: /couldn't find/i.test(visibleText(message)),
    livePings: livePings(message),
    problems: slackMessageProblems(message),
    raw: message,
  };
}

/** Slack: `/backend` over HTTP into real Bolt, answered in the ack; buttons through response_url. */
export const slackDriver: FrontEndDriver = {
  name: 'Slack',
  mentions: '<!channel> <!here> <!everyone> <@U0BOSS> <!subteam^S0TEAM|@backend> @channel @here',
  async start(options) {
    const h = await startSlackHarness({
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
      ...(options.full ? { gate: fullGate() } : {}),
    });
    const click = async (action_id: string, value: string | undefined): Promise<Shown> => {
      const responseUrl = h.fake.responseUrl();
      const res = await h.post(
        buttonClickBody(ACTOR, { action_id, ...(value === undefined ? {} : { value }) }, responseUrl, true, {
          triggerId: h.fake.trigger(ACTOR.userId),
        }),
      );
      if (res.status !== 200) throw new Error(`Slack refused the click: ${res.status}`);
      const response = await h.fake.waitFor(() => h.fake.responsesTo(responseUrl)[0] ?? h.fake.rejections[0]);
      if (!('body' in response)) return { ...read({}), problems: response.problems };
      return read(response.body);
    };
    return {
      core: h.core,
      async ask(question) {
        const res = await h.post(slashCommandBody(ACTOR, question, h.fake.responseUrl(), SLASH_COMMAND));
        if (res.status !== 200) throw new Error(`Slack refused the command: ${res.status}`);
        return read(JSON.parse(res.text) as SentMessage);
      },
      async press(shown, kind) {
        const button = buttons(shown.raw as SentMessage).find((b) => kindOf(b.action_id) === kind);
        if (!button?.action_id) throw new Error(`no ${kind} button`);
        return click(button.action_id, button.value);
      },
      // A value this version never wrote: a button on a message from an older release.
      pressStale: () => click(ActionId.more, 'v0|an old format'),
      close: () => h.close(),
    };
  },
};
