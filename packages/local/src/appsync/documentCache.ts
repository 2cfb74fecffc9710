// Parsed and validated queries, kept so a repeated query is not parsed again. The cache is bounded
// by bytes, not entries: one 8 KB query parses into megabytes (each token becomes AST nodes and a
// location), so an entry count alone would let a few hundred large distinct queries exhaust the
// heap. lru-cache evicts the least recently used documents past the byte budget.
import type { DocumentNode, GraphQLError } from "graphql";
import { LRUCache } from "lru-cache";

export type CachedDocument = DocumentNode | readonly GraphQLError[];

/** Heap a parsed document takes per token, measured with graphql 16 (AST node + location + token ≈ 300 bytes). */
export const DOCUMENT_BYTES_PER_TOKEN = 320;
export const DEFAULT_DOCUMENT_CACHE_BYTES = 16 * 1024 * 1024;

export class DocumentCache {
  private readonly entries: LRUCache<string, { document: CachedDocument; bytes: number }>;

  constructor(readonly maxBytes = DEFAULT_DOCUMENT_CACHE_BYTES) {
    this.entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (entry) => entry.bytes });
  }

  get(query: string): CachedDocument | undefined {
    return this.entries.get(query)?.document;
  }

  /** The estimate: the query text itself (UTF-16 in the heap) and its parsed tokens. */
  set(query: string, document: CachedDocument, tokens: number): void {
    const bytes = query.length * 2 + tokens * DOCUMENT_BYTES_PER_TOKEN;
    // An entry larger than the whole budget is not cached at all (lru-cache refuses it too).
    if (bytes > this.maxBytes) return;
    this.entries.set(query, { document, bytes });
  }

  /** Bytes currently accounted for (the estimate above, summed). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get size(): number {
    return this.entries.size;
  }
}
