/**
 * Pseudo-relevance feedback for the keyword leg, after RM3 (Abdul-Jaleel et al. 2004, "UMass at TREC 2004") in a
 * simple form: the words that recur in the first ranking's top notes (and are not in the query) become a second
 * keyword query, whose BM25 ranking joins the fusion beside the original one with a share of the keyword weight. It
 * finds notes that use the collection's words for what the person described in other words; BM25 weighs the added
 * words by their rarity, so common ones count for little.
 */
export interface QueryExpansion {
  /** How many of the first ranking's notes feed back (their best chunks). */
  readonly docs: number;
  /** How many recurring words the second query gets. */
  readonly words: number;
  /** The second query's share of the keyword leg's weight (0..1). */
  readonly share: number;
}

/** Fewest feedback chunks a word must appear in to be added: a word from one note is that note's, not the topic's. */
export const MIN_FEEDBACK_CHUNKS = 2;
