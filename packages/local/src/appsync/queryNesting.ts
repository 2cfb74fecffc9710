// graphql-js parses by recursive descent, so a query nested thousands of levels deep would end in
// "Maximum call stack size exceeded". Before parsing, the query's tokens are walked once (the
// lexer is iterative) to count brackets; a query nested deeper than anything AppSync can execute
// is refused there. The same walk counts tokens, which sizes the query's parsed document.
import { GraphQLError, Lexer, Source, TokenKind } from "graphql";

/** AppSync's largest configurable query depth: no deeper query can ever run there. */
export const MAX_PARSE_NESTING = 75;

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

export type QueryScan = { tokens: number; tooDeep: false } | { tokens: number; tooDeep: true; line: number; column: number };

/**
 * Counts tokens and stops at the first bracket nested deeper than maxNesting. A syntax error
 * ends the scan early (the parser then reports it), as does passing maxTokens.
 */
export function scanQuery(query: string, maxNesting: number, maxTokens: number): QueryScan {
  const lexer = new Lexer(new Source(query));
  let nesting = 0;
  let tokens = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF && tokens <= maxTokens; token = lexer.advance()) {
      tokens += 1;
      if (OPENING.has(token.kind)) {
        nesting += 1;
        if (nesting > maxNesting) return { tokens, tooDeep: true, line: token.line, column: token.column };
      } else if (CLOSING.has(token.kind)) {
        nesting = Math.max(0, nesting - 1);
      }
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return { tokens, tooDeep: false };
}
