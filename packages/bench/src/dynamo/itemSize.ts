// DynamoDB's item size (what write and read units are billed on), following the published rules:
// attribute names + values; strings in UTF-8 bytes; numbers about 1 byte per 2 significant digits
// + 1; booleans and nulls 1 byte; lists and maps 3 bytes + 1 byte per element + their contents.
// Written here because the SDK has no size helper and dynalite does not report consumed capacity.
const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === "boolean") return 1;
  if (typeof value === "string") return utf8(value);
  if (typeof value === "number") return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, "").replace(/^0+/, "").length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, element) => sum + 1 + valueSize(element), 0);
  if (typeof value === "object") {
    return 3 + Object.entries(value as Record<string, unknown>).reduce((sum, [name, element]) => sum + 1 + utf8(name) + valueSize(element), 0);
  }
  return utf8(String(value));
}

export function dynamoItemSizeBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** Write request units for one standard write of an item this size (1 per KB, rounded up). */
export const writeUnitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
/** Read request units for one strongly consistent read (1 per 4 KB, rounded up). */
export const strongReadUnitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));
