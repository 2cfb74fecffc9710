// `updatedAt` never goes backwards. Writers stamp with their own clock, and two writers racing on
// one order (the workflow, the customer, the reconciler — different machines) can commit in the
// opposite order of their clocks. So every write that sets updatedAt is also conditional on the
// stored updatedAt being no later than the new one; when that is the only thing that failed, the
// write is repeated stamped with the stored time (the latest moment known to the order).

/** The condition to AND into a write that sets `updatedAt = :at`. */
export const UPDATED_AT_NOT_LATER = "(attribute_not_exists(updatedAt) OR updatedAt <= :at)";

const MAX_RESTAMPS = 3;

/**
 * Runs a conditional write stamped `at`. `write` returns undefined when its condition failed;
 * then, if the stored updatedAt is later than the stamp, the write is repeated with that time.
 */
export async function writeNotBeforeStored<T>(
  at: string,
  write: (at: string) => Promise<T | undefined>,
  storedUpdatedAt: () => Promise<string | undefined>,
): Promise<T | undefined> {
  let stamp = at;
  for (let attempt = 0; attempt <= MAX_RESTAMPS; attempt++) {
    const written = await write(stamp);
    if (written !== undefined) return written;
    const stored = await storedUpdatedAt();
    if (stored === undefined || stored <= stamp) return undefined;
    stamp = stored;
  }
  return undefined;
}
