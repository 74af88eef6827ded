// What a note connects to: the notes close to it in meaning (Related), the notes it links to, and the notes that
// link to it (backlinks). Plain, readonly, serialisable data shared by core, CLI, MCP, main and renderer.

/** How a link was written: `[[wikilink]]`, `![[embed]]`, or a Markdown `[text](other-note.md)` link. */
export type LinkKind = 'wikilink' | 'embed' | 'markdown';

/** One link written in a note, resolved the way Obsidian resolves it, or unresolved (`noteId` null). */
export interface OutgoingLink {
  /** The target as written, without heading or block part: `Note`, `folder/Note`, `../other.md`. */
  readonly target: string;
  readonly kind: LinkKind;
  /** The `#Heading` part, when the link points into a heading. */
  readonly heading: string | null;
  /** The `#^block` part, when the link points at a block. */
  readonly blockRef: string | null;
  /** The shown text: `[[Note|label]]` or `[label](note.md)`; null when the link shows its target. */
  readonly label: string | null;
  /** The note it resolves to (live notes only), or null when no note answers to it. */
  readonly noteId: number | null;
  /** That note's title, when resolved. */
  readonly noteTitle: string | null;
}

/** A note that links to the open one, with the line around its first such link as plain text. */
export interface Backlink {
  readonly noteId: number;
  readonly title: string;
  /** The line (or a window of it) holding the link, as plain text. */
  readonly context: string;
  /** How many links that note has to this one. */
  readonly count: number;
}

/** A note's outgoing links (in order of appearance, without repeats) and its backlinks (most recently updated first). */
export interface NoteLinks {
  readonly noteId: number;
  readonly outgoing: readonly OutgoingLink[];
  readonly backlinks: readonly Backlink[];
}

/** One note close in meaning to the open note, with the passages that brought it here. */
export interface RelatedNote {
  readonly noteId: number;
  readonly title: string;
  /** Cosine similarity of the best-matching pair of passages, in [-1, 1]. */
  readonly similarity: number;
  /** Plain text from the related note's passage that matched (a short window of it). */
  readonly passage: string;
  /** Plain text from the open note's own passage it matched (a short window of it): the "why". */
  readonly matchedOwnPassage: string;
  /** Below the provider's "less related" cut-off (as in recall): shown last, faded. */
  readonly lessRelated: boolean;
}

/** Why a related list may be short or empty. */
export type RelatedState =
  /** every passage of the note has a vector in the active space */
  | 'ready'
  /** some passages are still waiting for their vectors: the list is built from those that have one */
  | 'partly-embedded'
  /** no passage has a vector yet: nothing to compare */
  | 'not-embedded'
  /** the note has no text to compare (empty), or is forgotten */
  | 'nothing-to-compare';

/** The notes related to one note, in the active embedding space. */
export interface RelatedNotes {
  readonly noteId: number;
  readonly state: RelatedState;
  /** Passages of this note still waiting for a vector in the active space. */
  readonly pendingPassages: number;
  readonly notes: readonly RelatedNote[];
  readonly tookMs: number;
}
