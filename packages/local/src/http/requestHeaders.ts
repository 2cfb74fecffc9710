// Request headers as AppSync hands them on: node:http already lowercases names; one string per header.

import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export function plainHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(",") : String(value ?? "")]));
}

/** Compares a presented secret (API key) with the expected one in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
