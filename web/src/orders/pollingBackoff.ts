// How long the tracker waits before asking for the order again, after each answer it has. The
// tracker opens with the order postOrder just returned (already in the Apollo cache), which counts
// as the first answer, so its first request goes out FIRST_POLL_INTERVAL_MS after placement
// rather than at once. Early polls are quick because an idle pipeline finishes in well under a
// second; later ones back off so a slow order does not hammer the API. pnpm bench replays this
// schedule against measured pipeline timings (BENCHMARKS.md, "Status delivery").
export const FIRST_POLL_INTERVAL_MS = 250;
export const MAX_POLL_INTERVAL_MS = 4_000;

export function pollIntervalAfter(answers: number): number {
  return Math.min(FIRST_POLL_INTERVAL_MS * 2 ** Math.max(0, answers), MAX_POLL_INTERVAL_MS);
}
