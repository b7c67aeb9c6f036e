import { afterEach, describe, expect, it } from "vitest";
import { ensureWorkerStarted } from "~/automation/boot.server";

afterEach(async () => {
  await globalThis.aftercareWorkerStop?.();
  globalThis.aftercareWorkerStop = undefined;
  await globalThis.aftercareUploadExpiryStop?.();
  globalThis.aftercareUploadExpiryStop = undefined;
});

describe("ensureWorkerStarted", () => {
  it("starts one worker per process however often the server module loads", () => {
    // WHEN the entry module is evaluated twice (a hot reload)
    const first = ensureWorkerStarted({ NODE_ENV: "production" });
    const stop = globalThis.aftercareWorkerStop;
    const stopExpiry = globalThis.aftercareUploadExpiryStop;
    const second = ensureWorkerStarted({ NODE_ENV: "production" });
    // THEN both report a running worker, and it is the same one, as is the photo expiry beside it
    expect([first, second]).toEqual([true, true]);
    expect(globalThis.aftercareWorkerStop).toBe(stop);
    expect(stopExpiry).toBeTypeOf("function");
    expect(globalThis.aftercareUploadExpiryStop).toBe(stopExpiry);
  });

  it("stays off when AFTERCARE_WORKER=0 or under test", () => {
    expect(ensureWorkerStarted({ NODE_ENV: "production", AFTERCARE_WORKER: "0" })).toBe(false);
    expect(ensureWorkerStarted({ NODE_ENV: "test" })).toBe(false);
    expect(globalThis.aftercareWorkerStop).toBeUndefined();
    expect(globalThis.aftercareUploadExpiryStop).toBeUndefined();
  });
});
