// Reads the local runtime's outbox: GET /outbox answers { notifications: [...] }, one entry per
// message SNS would have published (packages/local/src/sns/notificationOutbox.ts, OutboxEntry).
// Only the fields shown are read, and loosely, because the outbox is a local-only aid.
import type { ApiConfig } from "../app/config";

interface OutboxNotification {
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

type OutboxEntry = Partial<Record<"messageId" | "subject" | "message" | "publishedAt", string>>;

function toNotifications(body: unknown): OutboxNotification[] | undefined {
  const entries = (body as { notifications?: unknown } | null)?.notifications;
  if (!Array.isArray(entries)) return undefined;
  const notifications = (entries as OutboxEntry[]).map((entry, index) => ({
    id: entry.messageId ?? String(index),
    subject: entry.subject ?? "",
    message: entry.message ?? "",
    at: entry.publishedAt,
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

/** The local runtime serves its outbox next to /graphql; in the cloud notifications are e-mailed. */
export function outboxUrlFor(config: ApiConfig): string | undefined {
  if (config.shopMode !== "local") return undefined;
  return new URL("/outbox", new URL(config.graphqlUrl, globalThis.location?.href)).toString();
}
