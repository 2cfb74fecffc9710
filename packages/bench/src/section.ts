// Every bench section either measures or says, loudly, why it did not: a missing part of the app
// (no web build, no local shop yet) must not take the other figures down with it.
export type SectionResult<T> = { measured: true; durationMs: number; data: T } | { measured: false; durationMs: number; reason: string };

export async function runSection<T>(name: string, measure: () => Promise<T>): Promise<SectionResult<T>> {
  const started = performance.now();
  console.log(`\n== ${name}`);
  try {
    const data = await measure();
    const durationMs = performance.now() - started;
    console.log(`== ${name}: done in ${(durationMs / 1000).toFixed(1)} s`);
    return { measured: true, durationMs, data };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`== ${name}: NOT MEASURED: ${reason}`);
    if (error instanceof Error && error.stack && !(error instanceof NotMeasurable)) console.error(error.stack);
    return { measured: false, durationMs: performance.now() - started, reason };
  }
}

/** Thrown when a part the section needs is not there (as opposed to a bug in the bench). */
export class NotMeasurable extends Error {
  override readonly name = "NotMeasurable";
}

/** The section's figures, or undefined when it was not measured. */
export const dataOf = <T>(section: SectionResult<T>): T | undefined => (section.measured ? section.data : undefined);
