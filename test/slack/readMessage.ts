import type { Button, KnownBlock } from '@slack/types';

/**
 * Reads a Block Kit message back the way a person sees it, so tests assert on what is shown rather than on how
 * the renderer happened to build it.
 */

/** Anything with Block Kit blocks: a rendered SlackMessage or a body the bot sent. */
export interface MessageLike {
  text?: unknown;
  blocks?: unknown;
}

/** A message body as the bot sent it (ack body, response_url post, chat.postMessage args). */
export interface SentMessage extends MessageLike {
  [key: string]: unknown;
}

/** The message's blocks, typed. */
export function blocksOf(message: MessageLike): KnownBlock[] {
  return Array.isArray(message.blocks) ? (message.blocks as KnownBlock[]) : [];
}

/** Every text object in the message: section texts, context elements, button labels, headers. */
export function textObjects(message: MessageLike): { type: string; text: string; verbatim?: boolean }[] {
  const found: { type: string; text: string; verbatim?: boolean }[] = [];
  for (const block of blocksOf(message)) {
    if ((block.type === 'section' || block.type === 'header') && block.text) found.push(block.text);
    if (block.type === 'context') {
      for (const element of block.elements)
        if (element.type === 'mrkdwn' || element.type === 'plain_text') found.push(element);
    }
    if (block.type === 'actions')
      for (const element of block.elements) if (element.type === 'button') found.push(element.text);
  }
  return found;
}

/** mrkdwn as displayed: links show their label, `*bold*` loses its markers, entities become characters. */
export function displayed(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
    .replace(/\*/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** All the message's visible text, one line per text object. */
export function visibleText(message: MessageLike): string {
  return textObjects(message)
    .map((t) => (t.type === 'mrkdwn' ? displayed(t.text) : t.text))
    .join('\n');
}

/** The quoted passages (sections that start with the `>` quote marker), as displayed, without the marker. */
export function quotes(message: MessageLike): string[] {
  return blocksOf(message)
    .filter((b) => b.type === 'section' && b.text?.text.startsWith('>'))
    .map((b) => displayed((b.type === 'section' && b.text?.text.slice(1)) || ''));
}

/** The context line under each quote: the citation. */
export function citations(message: MessageLike): string[] {
  const blocks = blocksOf(message);
  const out: string[] = [];
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.type === 'section' && block.text?.text.startsWith('>') && next?.type === 'context') {
      out.push(next.elements.map((e) => ('text' in e ? e.text : '')).join(' '));
    }
  });
  return out;
}

/** The buttons, in order. */
export function buttons(message: MessageLike): Button[] {
  return blocksOf(message).flatMap((b) =>
    b.type === 'actions' ? b.elements.filter((e): e is Button => e.type === 'button') : [],
  );
}

/** The button with this action_id; throws when missing so a test fails with a clear message. */
export function button(message: MessageLike, actionId: string): Button {
  const found = buttons(message).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId} in ${JSON.stringify(buttons(message).map((b) => b.action_id))}`);
  return found;
}
