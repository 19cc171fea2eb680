import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/lib/errors.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";

// The shared KvStore contract (both backends) is in test/integration/kv-store.contract.test.ts.
describe("MemoryKvStore outage simulation", () => {
  it("rejects every call with StoreUnavailableError while unavailable, and recovers", async () => {
    const store = new MemoryKvStore();
    await store.set("k", "v", 60);
    store.setAvailable(false);
    const calls: Array<() => Promise<unknown>> = [
      () => store.setIfAbsent("k2", "v", 60),
      () => store.get("k"),
      () => store.set("k", "v", 60),
      () => store.delete("k"),
      () => store.deleteIfEquals("k", "v"),
      () => store.increment("n", 60),
      () => store.ping(),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
    store.setAvailable(true);
    expect(await store.get("k")).toBe("v");
  });
});
