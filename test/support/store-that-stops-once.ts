import { StoreUnavailableError } from "../../src/lib/errors.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";

/** A store whose next fenced state write fails once `when()` holds: the worker "dies" right there. */
export class StoreThatStopsOnce extends MemoryKvStore {
  when: (() => boolean) | undefined;
  override async setIfGuardEquals(...args: Parameters<MemoryKvStore["setIfGuardEquals"]>): Promise<boolean> {
    if (this.when?.()) {
      this.when = undefined;
      throw new StoreUnavailableError("store stopped answering (test)");
    }
    return super.setIfGuardEquals(...args);
  }
}
