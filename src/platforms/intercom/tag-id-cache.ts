import type { IcTag } from "./intercom-records.ts";

/**
 * Intercom tags a conversation by tag id, so every tag name is resolved once with `POST /tags
 * {name}` (create-or-update: it returns the existing tag when the name is taken) and the id is kept
 * for the workspace. Names are case-insensitive in Intercom (create_or_update_tag_request), and so
 * are the keys here. Concurrent lookups of one name share the request; a failed lookup is forgotten.
 * One cache per workspace (access token): share an instance between helpdesks of the same workspace.
 */
export class TagIdCache {
  readonly #ids = new Map<string, Promise<string>>();
  readonly #store: TagIdStore | null;

  /**
   * `store`: where looked-up ids outlive the isolate (kv-tag-id-store.ts), so a new isolate tags
   * without a lookup too. It is asked only when this cache misses, and its failures count as misses.
   */
  constructor(options: { store?: TagIdStore } = {}) {
    this.#store = options.store ?? null;
  }

  resolve(name: string, create: (name: string) => Promise<IcTag>): Promise<string> {
    const key = name.toLowerCase();
    const known = this.#ids.get(key);
    if (known) return known;
    const store = this.#store;
    const lookUp = async () => {
      const id = String((await create(name)).id);
      await store?.set(key, id).catch(() => undefined);
      return id;
    };
    const id = store ? store.get(key).then((stored) => stored ?? lookUp(), lookUp) : lookUp();
    this.#ids.set(key, id);
    id.catch(() => this.forget(name, id));
    return id;
  }

  /** The id already resolved for `name`, if any (without a request). */
  known(name: string): Promise<string> | undefined {
    return this.#ids.get(name.toLowerCase());
  }

  /** Ids seen on a conversation are as good as looked-up ones. */
  remember(name: string, id: string): void {
    this.#ids.set(name.toLowerCase(), Promise.resolve(id));
  }

  /** Drop an id Intercom no longer knows (the tag was deleted in the workspace), here and in the store. */
  forget(name: string, only?: Promise<string>): void {
    const key = name.toLowerCase();
    if (only === undefined || this.#ids.get(key) === only) this.#ids.delete(key);
    if (only === undefined) void this.#store?.delete(key).catch(() => undefined);
  }
}

/** Tag ids kept beyond the isolate, by lower-case tag name. */
export interface TagIdStore {
  get(name: string): Promise<string | null>;
  set(name: string, id: string): Promise<void>;
  delete(name: string): Promise<void>;
}
