// How long the tracker waits before asking for the order again. Early polls are quick because the
// local pipeline finishes within a second; later ones back off so a slow order does not hammer the API.
export const FIRST_POLL_INTERVAL_MS = 500;
export const MAX_POLL_INTERVAL_MS = 4_000;

export function pollIntervalAfter(completedPolls: number): number {
  return Math.min(FIRST_POLL_INTERVAL_MS * 2 ** Math.max(0, completedPolls), MAX_POLL_INTERVAL_MS);
}
