// The tracker's tests run on a fake clock. The tracker is a lazily loaded page, so it is loaded once,
// before the fake clock starts, and each test starts from the page being available.
import { act } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, vi } from "vitest";
import { TrackOrderPage } from "../../src/app/lazyPages";

/** Call at the top of a describe block: the page preloaded, then timers and Date faked per test. */
export function useTrackerClock(): void {
  usePageClock(TrackOrderPage);
}

/** The same for any lazily loaded page: loaded once before the fake clock starts. */
export function usePageClock(page: { preload: () => Promise<unknown> }): void {
  beforeAll(async () => {
    await page.preload();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Moves the fake clock on in steps, letting React settle after each. */
export async function letTimePass(ms: number, step = 250): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(step);
    });
  }
}
