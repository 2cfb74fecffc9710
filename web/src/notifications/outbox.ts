// Reads the local runtime's outbox. The entries are what SNS would have published (subject,
// message, topic, time); the shape is checked loosely because the outbox is a local-only aid.
export interface OutboxNotification {
  id: string;
  subject: string;
  message: string;
  at?: string;
}

export type OutboxState =
  | { kind: "loading" }
  | { kind: "emailed" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; notifications: OutboxNotification[] };

type RawNotification = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return undefined;
  return JSON.stringify(value, null, 2);
}

function entriesOf(body: unknown): RawNotification[] | undefined {
  if (Array.isArray(body)) return body as RawNotification[];
  if (body && typeof body === "object") {
    for (const key of ["notifications", "items", "messages"]) {
      const list = (body as Record<string, unknown>)[key];
      if (Array.isArray(list)) return list as RawNotification[];
    }
  }
  return undefined;
}

export function toNotifications(body: unknown): OutboxNotification[] | undefined {
  const entries = entriesOf(body);
  if (!entries) return undefined;
  const notifications = entries.map((entry, index) => ({
    id: text(entry.id ?? entry.messageId ?? entry.MessageId) ?? String(index),
    subject: text(entry.subject ?? entry.Subject) ?? "",
    message: text(entry.message ?? entry.Message) ?? "",
    at: text(entry.at ?? entry.publishedAt ?? entry.timestamp),
  }));
  return notifications.sort((a, b) => (b.at ?? "").localeCompare(a.at ?? ""));
}

export async function readOutbox(url: string | undefined, apiKey: string, signal?: AbortSignal): Promise<OutboxState> {
  if (!url) return { kind: "emailed" };
  let response: Response;
  try {
    response = await fetch(url, { headers: { "x-api-key": apiKey, accept: "application/json" }, signal });
  } catch {
    if (signal?.aborted) return { kind: "loading" };
    return { kind: "failed", message: "Can't reach the shop to read its outbox. Check that it is running and try again." };
  }
  if (signal?.aborted) return { kind: "loading" };
  // No outbox route: this API is not the local runtime, so notifications go out by e-mail.
  if (response.status === 404 || response.status === 405) return { kind: "emailed" };
  if (!response.ok) return { kind: "failed", message: `The outbox answered with status ${response.status}.` };
  const notifications = toNotifications(await response.json().catch(() => undefined));
  return notifications ? { kind: "ready", notifications } : { kind: "emailed" };
}
