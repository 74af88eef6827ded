// Plain, readonly, serialisable data shared by core, CLI, main and renderer. No behaviour lives here.

/** Where a note came from: typed by hand, a file, or an importer. */
export interface NoteSource {
  readonly kind: string;
  readonly path: string | null;
}

/** A stored note, as every consumer sees it. Dates are ISO-8601 strings so they cross IPC and JSON unchanged. */
export interface Note {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
  readonly source: NoteSource;
  readonly contentHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
  /** Who wrote it: 'you' (the person) or an agent's name from its MCP client info. */
  readonly author: string;
}

/** What a caller supplies to create a note. Title is derived from the body when omitted. */
export interface NewNote {
  readonly title?: string;
  readonly body: string;
  readonly tags?: readonly string[];
  readonly source?: { readonly kind: string; readonly path?: string | null };
  /** Backdate a note (imports keep the original dates). */
  readonly createdAt?: string;
  /** Who writes it; default 'you'. Agents write under their MCP client name. */
  readonly author?: string;
}

/** Fields of a note that may change in an update; omitted fields keep their value. */
export interface NoteChanges {
  readonly title?: string;
  readonly body?: string;
  readonly tags?: readonly string[];
}

/** Result of adding a note: either it was stored, or identical content from the same source already existed. */
export interface AddNoteResult {
  readonly note: Note;
  /** true when identical content from the same source already existed and nothing new was stored. */
  readonly duplicate: boolean;
}

/** Filters shared by listing and recall. Dates are ISO-8601; `tags` match hierarchically (`work` matches `work/x`). */
export interface NoteFilter {
  readonly tags?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly sourceKind?: string;
  readonly includeForgotten?: boolean;
  /** Only forgotten notes (the Forgotten view), newest first. */
  readonly onlyForgotten?: boolean;
  /** Only notes written by one of these authors ('you', or agent names). */
  readonly authors?: readonly string[];
  /** Only these notes (the notes an import stored, shown from its report). */
  readonly ids?: readonly number[];
}

/** One page of notes, newest first. */
export interface NotePage {
  readonly notes: readonly Note[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

/** How recall searches: both legs fused, only embeddings, or only keywords. */
export type RecallMode = 'hybrid' | 'vector' | 'keyword';

/** Options of a recall query. `when` is a phrase like "last week" or "since March", parsed into from/to. */
export interface RecallOptions extends NoteFilter {
  readonly limit?: number;
  readonly mode?: RecallMode;
  readonly when?: string;
  /**
   * Names a stream of queries of which only the newest matters (search as you type): an older query of the same
   * stream that is still running when this one arrives stops early and fails with CANCELLED.
   */
  readonly latestOf?: string;
}

/** A character range [start, end) within a string. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** The best-matching passage of a note, with highlight ranges relative to `text`. */
export interface Snippet {
  readonly text: string;
  readonly highlights: readonly TextRange[];
  /** Where `text` sits within the note body. */
  readonly range: TextRange;
}

/** Why a note matched: its rank in each leg (1-based), or null where that leg did not find it. */
export interface MatchReason {
  readonly vector: { readonly rank: number; readonly similarity: number } | null;
  readonly keyword: { readonly rank: number; readonly score: number } | null;
}

/** One recalled note. */
export interface RecallHit {
  readonly id: number;
  readonly title: string;
  readonly score: number;
  readonly snippet: Snippet;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly source: NoteSource;
  readonly forgotten: boolean;
  readonly why: MatchReason;
  /**
   * No query word in the note and its meaning not close enough (recall/match-strength.ts): shown under "Less
   * related", after every other hit. A search whose hits are all less related found no match.
   */
  readonly lessRelated: boolean;
  /** Who wrote the note: 'you', or the agent's name. */
  readonly author: string;
}

/** A recall answer, with the date range actually applied and whether some notes were still awaiting embeddings. */
export interface RecallResult {
  readonly results: readonly RecallHit[];
  readonly mode: RecallMode;
  readonly appliedRange: { readonly from: string | null; readonly to: string | null };
  readonly pendingEmbeddings: number;
  /** Things the user should know about this answer (e.g. semantic search unavailable, keyword results only). */
  readonly notices: readonly string[];
  readonly tookMs: number;
}

/** The identity of a set of vectors. Vectors from different spaces are never compared. */
export interface EmbeddingSpace {
  readonly id: number;
  readonly provider: string;
  readonly model: string;
  readonly digest: string | null;
  readonly dimensions: number;
  readonly state: 'building' | 'active' | 'retired';
  readonly createdAt: string;
}

/** A snapshot of the memory: counts, embedding backlog and the active space. */
export interface EngramStatus {
  readonly dataDir: string;
  readonly schemaVersion: number;
  readonly notes: number;
  readonly forgottenNotes: number;
  readonly chunks: number;
  readonly embeddings: { readonly pending: number; readonly failed: number; readonly done: number };
  readonly failures: readonly { readonly chunkId: number; readonly noteId: number; readonly reason: string }[];
  readonly activeSpace: EmbeddingSpace | null;
  readonly provider: ProviderHealth;
  readonly databaseBytes: number;
}

/** Progress of the embedding backlog, as a tagged union (GitHub Desktop style); `value` is 0..1. */
export type EmbeddingProgress =
  | { readonly kind: 'embedding'; readonly done: number; readonly total: number; readonly value: number }
  | { readonly kind: 'idle'; readonly pending: number; readonly failed: number };

/** User settings stored in the memory itself, so the app and the CLI agree. */
export interface EngramSettings {
  /** Ollama's address; null means OLLAMA_HOST, else http://127.0.0.1:11434. */
  readonly ollamaHost: string | null;
}

/** An embedding model the user can pick. `dimensions` asks a Matryoshka model for fewer dimensions. */
export type EmbeddingChoice =
  | { readonly provider: 'builtin' }
  | { readonly provider: 'ollama'; readonly model: string; readonly dimensions?: number | null };

/** What choosing a model did: nothing, switched at once (empty memory), or needs a re-embed (vectors never mix). */
export interface EmbeddingChoiceResult {
  readonly outcome: 'unchanged' | 'switched' | 'reembed-needed';
  readonly activeSpace: EmbeddingSpace;
  readonly chosen: { readonly provider: string; readonly model: string; readonly dimensions: number; readonly digest: string | null };
  readonly message: string;
}

/** Whether the active space's model can be reached, and whether it is still the model that made the vectors. */
export interface ProviderHealth {
  /** null when not checked (e.g. no active space). */
  readonly reachable: boolean | null;
  /** 'drifted' when the model's digest changed since the vectors were made (old and new may not compare). */
  readonly drift: 'same' | 'drifted' | 'missing' | 'unreachable' | null;
  readonly currentDigest: string | null;
  /** What to do, when something is wrong. */
  readonly message: string | null;
  readonly checkedAt: string;
}

/** An embedding space with its fill level and footprint (for `engram spaces` and the re-embed wizard). */
export interface SpaceSummary extends EmbeddingSpace {
  readonly embedded: number;
  readonly pending: number;
  readonly failed: number;
  /** Share of live chunks that have a vector in this space, 0..1. */
  readonly coverage: number;
  readonly diskBytes: number;
  readonly paused: boolean;
  readonly retiredAt: string | null;
  /** End of the undo period of a retired space; its vectors are dropped then. */
  readonly purgeAfter: string | null;
  readonly purgedAt: string | null;
}

/** What a re-embed would do, before starting it. */
export interface ReembedPlan {
  readonly chosen: { readonly provider: string; readonly model: string; readonly dimensions: number; readonly digest: string | null };
  readonly chunks: number;
  /** The choice is exactly the active space (same model, width and digest): nothing to do. */
  readonly sameAsActive: boolean;
  /** Derived from the active space's vectors by Matryoshka truncation, with no model calls. */
  readonly derived: boolean;
  /** From a short measured probe of the model; null when nothing needs embedding. */
  readonly estimatedSeconds: number | null;
  readonly estimatedBytes: number;
  readonly message: string;
}

/** The re-embed job as the user sees it. */
export interface ReembedStatus {
  readonly phase: 'idle' | 'building' | 'paused' | 'blocked';
  readonly building: SpaceSummary | null;
  readonly active: SpaceSummary | null;
  /** The previous space, still restorable by undo until its purgeAfter. */
  readonly undo: SpaceSummary | null;
  readonly etaSeconds: number | null;
  readonly message: string;
}

/** A tag and how many live notes carry it. */
export interface TagCount {
  readonly tag: string;
  readonly count: number;
}

/** How much an agent may do with the memory over MCP. */
export type AgentAccess = 'read-write' | 'read-only' | 'blocked';

/** An agent the memory knows: by its MCP client name, with its access and when it was last seen. */
export interface AgentInfo {
  readonly name: string;
  readonly access: AgentAccess;
  /** true when no access was chosen for this agent and the default applies. */
  readonly usesDefault: boolean;
  readonly lastSeenAt: string | null;
  /** Live notes this agent wrote. */
  readonly notes: number;
  /** It connected, nobody chose its access, and the default does not let it write: the person should decide. */
  readonly awaitingDecision: boolean;
}

/** Every agent seen or configured, and the access an agent not listed gets. */
export interface AgentList {
  readonly defaultAccess: AgentAccess;
  readonly agents: readonly AgentInfo[];
}

/** Why a backup was taken: the daily automatic one, on request, or the state kept just before a restore. */
export type BackupKind = 'automatic' | 'manual' | 'before-restore';

/** One backup of the memory: a .tar.gz of its database folder in the data directory's `backups` folder. */
export interface BackupInfo {
  /** What `engram restore-backup` takes, e.g. `engram-2026-12-02-140305-manual`. */
  readonly name: string;
  readonly kind: BackupKind;
  readonly createdAt: string;
  /** Size of the archive in bytes. */
  readonly bytes: number;
  /** Live notes when it was taken; null when not known (a copy of a memory that could not be opened). */
  readonly notes: number | null;
  /** The archive's full path. */
  readonly path: string;
}

/** The backups of a memory, newest first, and how they are kept. */
export interface BackupOverview {
  /** The folder holding them. */
  readonly dir: string;
  /** Whether a backup is taken automatically once a day while the memory is open (and something changed). */
  readonly automatic: boolean;
  /** How many of each kind are kept; older ones are deleted. */
  readonly keep: number;
  readonly backups: readonly BackupInfo[];
  /** Why the last automatic backup failed (e.g. not enough space), or null. */
  readonly lastError: string | null;
}

/** What a restore did: which backup it put back, and the backup it made of the state it replaced. */
export interface RestoreResult {
  readonly restored: BackupInfo;
  /** The state before the restore, kept as a backup; null when there was no database to keep. */
  readonly safetyBackup: BackupInfo | null;
}

/** What an export of every live note to a Markdown folder wrote. */
export interface MarkdownExportResult {
  readonly dir: string;
  readonly notes: number;
}
