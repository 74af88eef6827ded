// The markdown-it types the parser's rules and readers name, from one place (@types/markdown-it keeps them in
// per-module files).
export type { default as MarkdownIt } from 'markdown-it';
export type { default as Token } from 'markdown-it/lib/token.mjs';
export type { default as StateBlock } from 'markdown-it/lib/rules_block/state_block.mjs';
export type { default as StateInline } from 'markdown-it/lib/rules_inline/state_inline.mjs';
