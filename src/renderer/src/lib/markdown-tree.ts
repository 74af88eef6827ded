import type { Token } from '../../../shared/markdown/markdown-it-types';

/** A token with the tokens between its open and close (markdown-it's stream is flat, with nesting +1 / -1). */
export interface TokenNode {
  readonly token: Token;
  readonly children: TokenNode[];
}

/** Nests a flat token stream: each opening token holds what comes before its matching close. */
export function tokenTree(tokens: readonly Token[]): TokenNode[] {
  const root: TokenNode[] = [];
  const stack: TokenNode[][] = [root];
  for (const token of tokens) {
    const siblings = stack[stack.length - 1]!;
    if (token.nesting === 1) {
      const node: TokenNode = { token, children: [] };
      siblings.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      siblings.push({ token, children: [] });
    }
  }
  return root;
}
