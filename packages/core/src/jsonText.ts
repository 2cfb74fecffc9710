// Text that should hold JSON but comes from outside (a queue message, a page token, an
// environment variable, another service's answer): each caller decides what bad JSON means.

/** The parsed value, or undefined when the text is not JSON (JSON itself has no undefined). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
