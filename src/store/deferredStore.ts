import type { Store, StoreKind, StoreStatus } from './types.js';

/** A Store usable at once whose database opens later: on `open()`, or on the first call of a repository. */
export interface DeferredStore {
  readonly store: Store;
  /** Opens the database (once); resolves with the opened store. */
  open(): Promise<Store>;
}

/**
 * Answering needs no database, and loading the store's libraries (kysely, pg, better-sqlite3) and migrating takes
 * a good part of a start-up: the composition root opens it after the bot is listening. Until then the store is
 * `unavailable` (/readyz says so), and a repository call waits for the opening. Every repository of Store is
 * forwarded as it is, so a new repository needs nothing here.
 */
export function deferStore(kind: StoreKind, openStore: () => Promise<Store>): DeferredStore {
  let opening: Promise<Store> | undefined;
  let opened: Store | undefined;
  const open = () => {
    opening ??= openStore().then((store) => (opened = store));
    return opening;
  };
  const repositories = new Map<PropertyKey, object>();
  const forward = (name: PropertyKey): object =>
    new Proxy(
      {},
      {
        // Not a promise: `await repository` must not call a method named `then`.
        get: (_, method) =>
          method === 'then'
            ? undefined
            : async (...args: unknown[]) => {
                const repository = (await open())[name as keyof Store] as unknown as Record<
                  PropertyKey,
                  (...a: unknown[]) => unknown
                >;
                return repository[method]!(...args);
              },
      },
    );
  const own = {
    kind,
    status: (): StoreStatus => opened?.status() ?? 'unavailable',
    // Closing a store never opened opens nothing; one still opening is closed once it is open.
    close: async () => {
      if (opening) await (await opening).close();
    },
  };
  const store = new Proxy(own, {
    get: (target, name) => {
      if (name in target) return target[name as keyof typeof own];
      let repository = repositories.get(name);
      if (!repository) repositories.set(name, (repository = forward(name)));
      return repository;
    },
  }) as unknown as Store;
  return { store, open };
}
