// The local mail inbox (maildev) as a test reads it: every message it received, through its API.
import type { LocalShop } from "../../src/localShop";

export interface InboxMessage {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: Array<{ address: string }>;
  headers: Record<string, string>;
}

/** Every message of the inbox, from a shop in this process or one a test started as a child (its running-shop file). */
export async function inboxMessages(shop: Pick<LocalShop, "mailInbox"> | { mailApiUrl: string }): Promise<InboxMessage[]> {
  const apiUrl = "mailApiUrl" in shop ? shop.mailApiUrl : shop.mailInbox.apiUrl;
  const response = await fetch(`${apiUrl}/email`);
  if (!response.ok) throw new Error(`maildev answered HTTP ${response.status}`);
  return (await response.json()) as InboxMessage[];
}

/** The customer e-mails of one event (the header every customer e-mail carries). */
export const messagesOfEvent = (messages: readonly InboxMessage[], eventId: string) =>
  messages.filter((message) => message.headers["x-pizza-event-id"] === eventId);

export async function deleteInboxMessage(shop: Pick<LocalShop, "mailInbox">, id: string): Promise<void> {
  const response = await fetch(`${shop.mailInbox.apiUrl}/email/${id}`, { method: "DELETE" });
  if (!response.ok) throw new Error(`maildev refused to delete ${id}: HTTP ${response.status}`);
}
