// @ts-check
/**
 * DOM building for the previews. Text always goes in as text nodes and URLs through safeHref, never through
 * innerHTML: whatever a payload or a corpus file contains stays text.
 */

/**
 * Creates an element with attributes and children.
 * @param {string} tag
 * @param {Record<string, string | undefined>} [attrs]
 * @param {(Node | string | null | undefined | false)[]} [children]
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * The URL to put in an href, or undefined for anything but http(s) and mailto (javascript:, data:, …).
 * @param {string} url
 * @returns {string | undefined}
 */
export function safeHref(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A link that opens in the same tab when it points at this site (the docs pages), in a new one otherwise.
 * @param {string} url
 * @param {(Node | string)[]} children
 * @returns {HTMLElement}
 */
export function link(url, children) {
  const href = safeHref(url);
  if (!href) return h('span', {}, children);
  const external = new URL(href).origin !== window.location.origin;
  return h('a', external ? { href, target: '_blank', rel: 'noopener noreferrer' } : { href }, children);
}

/**
 * Placeholders for already-parsed pieces while the rest of a text is parsed: characters from Unicode's private
 * use area, which neither Slack's nor Discord's syntax uses.
 */
const PLACEHOLDER_BASE = 0xe000;

/**
 * Holds parsed pieces behind placeholder characters, so later passes cannot re-read their syntax.
 * @template T
 */
export class Stash {
  constructor() {
    /** @type {T[]} */
    this.items = [];
  }

  /**
   * @param {T} item
   * @returns {string} the placeholder character
   */
  put(item) {
    this.items.push(item);
    return String.fromCharCode(PLACEHOLDER_BASE + this.items.length - 1);
  }

  /**
   * Splits text into plain runs and stashed items.
   * @param {string} text
   * @returns {(string | T)[]}
   */
  expand(text) {
    /** @type {(string | T)[]} */
    const out = [];
    let run = '';
    for (const ch of text) {
      const index = ch.charCodeAt(0) - PLACEHOLDER_BASE;
      if (ch.length === 1 && index >= 0 && index < this.items.length) {
        if (run) out.push(run);
        run = '';
        out.push(/** @type {T} */ (this.items[index]));
      } else {
        run += ch;
      }
    }
    if (run) out.push(run);
    return out;
  }
}

/**
 * Finds the earliest emphasis match among `rules` in `text` and splits around it, recursively: the shared core of
 * both platforms' inline formatting (bold, italic, strike), which differ only in their markers.
 * @param {string} text
 * @param {{ pattern: RegExp, tag: string, className?: string }[]} rules  patterns with groups (prefix, inner)
 * @param {(plain: string) => (Node | string)[]} leaf  renders text without emphasis
 * @returns {(Node | string)[]}
 */
export function emphasis(text, rules, leaf) {
  /** @type {{ index: number, length: number, prefix: string, inner: string, rule: { tag: string, className?: string } } | undefined} */
  let best;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    const m = rule.pattern.exec(text);
    if (m && (best === undefined || m.index < best.index)) {
      best = { index: m.index, length: m[0].length, prefix: m[1] ?? '', inner: m[2] ?? '', rule };
    }
  }
  if (!best) return leaf(text);
  const before = text.slice(0, best.index) + best.prefix;
  const after = text.slice(best.index + best.length);
  const el = h(
    best.rule.tag,
    best.rule.className ? { class: best.rule.className } : {},
    emphasis(best.inner, rules, leaf),
  );
  return [...leaf(before), el, ...emphasis(after, rules, leaf)];
}
