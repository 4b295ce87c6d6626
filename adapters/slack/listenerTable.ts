import {
  MultipleListenerError,
  type AllMiddlewareArgs,
  type App,
  type SlackAction,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackShortcut,
  type SlackShortcutMiddlewareArgs,
  type SlackViewAction,
  type SlackViewMiddlewareArgs,
} from '@slack/bolt';

type Listener<Args> = (args: Args & AllMiddlewareArgs) => Promise<unknown>;

/**
 * Registers the adapter's listeners the way Bolt's `app.command` / `action` / `view` / `event` / `shortcut` do, by
 * id, but behind one Bolt listener per kind of payload. Bolt runs the matching middleware of every listener it knows
 * on every request, about 12 µs each here (measured with Bolt 4): with 9 listeners (19 with the mentor loop) that was
 * a tenth of a slash command's cost. A request runs every listener whose id matches, in the order they were
 * registered, as under Bolt; a failure reaches `app.error` the same way.
 */
export interface SlackListenerTable {
  command(name: string, listener: Listener<SlackCommandMiddlewareArgs>): void;
  action<A extends SlackAction>(actionId: string | RegExp, listener: Listener<SlackActionMiddlewareArgs<A>>): void;
  /** A modal's submission (`view_submission`), by its callback_id. */
  view<V extends SlackViewAction>(callbackId: string, listener: Listener<SlackViewMiddlewareArgs<V>>): void;
  event<E extends string>(type: E, listener: Listener<SlackEventMiddlewareArgs<E>>): void;
  shortcut<S extends SlackShortcut>(
    constraints: { type: S['type']; callback_id: string },
    listener: Listener<SlackShortcutMiddlewareArgs<S>>,
  ): void;
}

interface Route<Args> {
  matches: (id: string) => boolean;
  listener: Listener<Args>;
}

/** Every id; the table's own lookup picks the listeners. */
const ANY = /^/;

const tables = new WeakMap<App, SlackListenerTable>();

/** The one table of an app: each module registering listeners on `app` gets the same. */
export function listenerTableOf(app: App): SlackListenerTable {
  let table = tables.get(app);
  if (!table) tables.set(app, (table = createListenerTable(app)));
  return table;
}

/**
 * The routes of one kind of payload. Its Bolt listener is registered with the first route, so a kind nobody listens
 * to costs nothing.
 */
function routesOf<Args>(
  register: (dispatch: (args: Args & AllMiddlewareArgs) => Promise<void>) => void,
  idOf: (args: Args) => string,
): (matches: Route<Args>['matches'], listener: Listener<Args>) => void {
  let routes: Route<Args>[] | undefined;
  return (matches, listener) => {
    if (!routes) {
      const all: Route<Args>[] = (routes = []);
      register(async (args) => {
        const id = idOf(args);
        // As Bolt does with its own listeners: every match runs; one failure is rethrown as it is.
        const results = await Promise.allSettled(all.filter((r) => r.matches(id)).map((r) => r.listener(args)));
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed.length === 1) throw failed[0]!.reason;
        if (failed.length > 1) throw new MultipleListenerError(failed.map((r) => r.reason));
      });
    }
    routes.push({ matches, listener });
  };
}

const exactly = (wanted: string) => (id: string) => id === wanted;

function createListenerTable(app: App): SlackListenerTable {
  const commands = routesOf<SlackCommandMiddlewareArgs>(
    (dispatch) => app.command(ANY, dispatch),
    ({ command }) => command.command,
  );
  const actions = routesOf<SlackActionMiddlewareArgs>(
    (dispatch) => app.action(ANY, dispatch),
    // Bolt hands an action_id pattern only the actions that have one (block actions).
    ({ action }) => (action as { action_id?: string }).action_id ?? '',
  );
  const views = routesOf<SlackViewMiddlewareArgs>(
    (dispatch) => app.view({ type: 'view_submission', callback_id: ANY }, dispatch),
    ({ view }) => view.callback_id,
  );
  const events = routesOf<SlackEventMiddlewareArgs>(
    (dispatch) => app.event(ANY, dispatch),
    ({ event }) => event.type,
  );
  const shortcuts = routesOf<SlackShortcutMiddlewareArgs>(
    (dispatch) => app.shortcut({ callback_id: ANY }, dispatch),
    ({ shortcut }) => `${shortcut.type} ${shortcut.callback_id}`,
  );
  return {
    command: (name, listener) => commands(exactly(name), listener),
    action: (actionId, listener) =>
      actions(
        typeof actionId === 'string' ? exactly(actionId) : (id) => actionId.test(id),
        listener as unknown as Listener<SlackActionMiddlewareArgs>,
      ),
    view: (callbackId, listener) =>
      views(exactly(callbackId), listener as unknown as Listener<SlackViewMiddlewareArgs>),
    event: (type, listener) => events(exactly(type), listener as unknown as Listener<SlackEventMiddlewareArgs>),
    shortcut: ({ type, callback_id }, listener) =>
      shortcuts(exactly(`${type} ${callback_id}`), listener as unknown as Listener<SlackShortcutMiddlewareArgs>),
  };
}
