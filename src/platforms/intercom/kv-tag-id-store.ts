import type { KvStore } from "../../ports/kv-store.ts";
import { StateStore } from "../../state/state-store.ts";
import type { TagIdStore } from "./tag-id-cache.ts";

/** A tag's id changes only when the tag is deleted and made again, which a 404 on tagging reveals. */
const TAG_ID_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Tag ids in the state store, under the workspace's key prefix (`dm:intercom:<workspace>:tag_id:<name>`),
 * shared by every isolate. The workspace is the one the access token belongs to, known once `GET /me`
 * answered (every write asks it first); before that nothing is read or kept.
 */
export function kvTagIdStore(kv: KvStore, workspace: () => string | null): TagIdStore {
  const key = (name: string): string | null => {
    const account = workspace();
    return account === null ? null : new StateStore(kv, { platform: "intercom", account }).key("tag_id", name);
  };
  return {
    get: async (name) => {
      const k = key(name);
      return k === null ? null : kv.get(k);
    },
    set: async (name, id) => {
      const k = key(name);
      if (k !== null) await kv.set(k, id, TAG_ID_TTL_SECONDS);
    },
    delete: async (name) => {
      const k = key(name);
      if (k !== null) await kv.delete(k);
    },
  };
}
