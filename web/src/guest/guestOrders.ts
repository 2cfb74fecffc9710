// This browser's guest orders: the id and the secret postOrder returned, kept in localStorage so
// "My orders" works for a guest on this browser and signing in can claim them. The secret is the
// guest's only proof of the order; it never leaves the browser except to read, change, cancel or
// claim that order.
export interface GuestOrder {
  id: string;
  guestSecret: string;
  /** When this browser learned of the order (for the newest-first list). */
  savedAt: string;
}

const STORAGE_KEY = "pizza-orders.guest-orders.v1";

const defaultStorage = (): Storage | undefined => globalThis.localStorage;

function isGuestOrder(value: unknown): value is GuestOrder {
  const entry = value as Partial<GuestOrder> | null;
  return (
    typeof entry?.id === "string" && entry.id !== "" && typeof entry.guestSecret === "string" && entry.guestSecret !== "" && typeof entry.savedAt === "string"
  );
}

/** Newest first. Malformed storage (edited by hand, an older format) reads as no orders. */
export function readGuestOrders(storage = defaultStorage()): GuestOrder[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isGuestOrder).sort((a, b) => b.savedAt.localeCompare(a.savedAt)) : [];
  } catch {
    return [];
  }
}

function write(orders: GuestOrder[], storage = defaultStorage()): void {
  try {
    if (orders.length === 0) storage?.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, JSON.stringify(orders));
  } catch {
    // Storage full or disabled: the tracking link shown after ordering still works.
  }
}

export function rememberGuestOrder(order: { id: string; guestSecret: string }, storage = defaultStorage(), now = new Date()): void {
  const others = readGuestOrders(storage).filter((entry) => entry.id !== order.id);
  write([{ id: order.id, guestSecret: order.guestSecret, savedAt: now.toISOString() }, ...others], storage);
}

export function forgetGuestOrders(ids: readonly string[], storage = defaultStorage()): void {
  if (ids.length === 0) return;
  write(
    readGuestOrders(storage).filter((entry) => !ids.includes(entry.id)),
    storage,
  );
}

export function guestSecretOf(id: string, storage = defaultStorage()): string | undefined {
  return readGuestOrders(storage).find((entry) => entry.id === id)?.guestSecret;
}
