// Polls until a condition holds. The deadline only bounds a hung pipeline; nothing asserts speed.
export async function waitFor<T>(read: () => Promise<T> | T, isDone: (value: T) => boolean, description: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (isDone(last)) return last;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${description}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
