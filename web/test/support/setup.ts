import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// findBy…/waitFor wait up to 3 s (Testing Library's default is 1 s): a lazily loaded page is
// transformed on first use, and on a busy 2-core CI machine that alone can take over a second.
configure({ asyncUtilTimeout: 3_000 });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
