import type { OllamaDoctorReport } from '../embedding/ollama';
import type { MarkdownExportOptions } from '../export/markdown-export';
import type { ImportApi } from '../import/import-api';
import type { SourcesApi } from '../sources/sources-api';
import type { AskApi } from '../ask/ask-api';
import type { RelatedOptions } from '../related/related-service';
import type { NoteLinks, RelatedNotes } from '../../shared/connection-models';
import type {
  AgentAccess,
  AgentList,
  BackupInfo,
  BackupOverview,
  MarkdownExportResult,
  TagCount,
  AddNoteResult,
  EmbeddingChoice,
  EmbeddingChoiceResult,
  EngramSettings,
  ReembedPlan,
  ReembedStatus,
  SpaceSummary,
  EmbeddingProgress,
  EngramStatus,
  NewNote,
  Note,
  NoteChanges,
  NoteFilter,
  NotePage,
  RecallOptions,
  RecallResult,
} from '../../shared/models';

/** Options of a queue drain: how many chunks to embed per provider call, and a progress callback. */
export interface DrainOptions {
  readonly batchSize?: number;
}

/**
 * The memory engine's public surface. The in-process engine and the worker-thread client both implement it,
 * so the CLI, the app, tests and benchmarks call the same methods whichever side hosts the database.
 */
export interface EngramApi extends ImportApi, SourcesApi, AskApi {
  addNote(note: NewNote): Promise<AddNoteResult>;
  updateNote(id: number, changes: NoteChanges): Promise<Note>;
  getNote(id: number): Promise<Note>;
  listNotes(filter?: NoteFilter & { offset?: number; limit?: number }): Promise<NotePage>;
  /** The live notes [[wikilink]] targets open, resolved as `noteLinks` resolves them (targets with none are left out). */
  resolveTitles(targets: readonly string[]): Promise<Record<string, number>>;
  /** The note's links (resolved now, as Obsidian resolves them) and the live notes linking to it. NOT_FOUND for no note. */
  noteLinks(id: number): Promise<NoteLinks>;
  /** The notes closest in meaning to note `id` in the active embedding space, with the passages that matched. */
  relatedNotes(id: number, options?: RelatedOptions): Promise<RelatedNotes>;
  forgetNote(id: number): Promise<Note>;
  restoreNote(id: number): Promise<Note>;
  purgeNote(id: number): Promise<void>;
  recall(query: string, options?: RecallOptions): Promise<RecallResult>;
  status(): Promise<EngramStatus>;
  /** Embeds the queue until nothing is due; resolves with the number of chunks embedded. */
  drainQueue(options?: DrainOptions): Promise<number>;
  /** Settings stored in the memory (Ollama host). */
  getSettings(): Promise<EngramSettings>;
  /** Changes settings. */
  updateSettings(patch: Partial<EngramSettings>): Promise<EngramSettings>;
  /** Picks the embedding model; switches only when no vectors would mix (otherwise says to re-embed). */
  chooseEmbedding(choice: EmbeddingChoice): Promise<EmbeddingChoiceResult>;
  /** Checks Ollama: reachable, version, embedding models installed, the configured model, what to do. */
  ollamaDoctor(model?: string): Promise<OllamaDoctorReport>;
  /** Puts permanently failed embeddings back in the queue (after the cause was fixed); returns how many. */
  retryFailedEmbeddings(): Promise<number>;
  /** What re-embedding into a model would take (count, estimated time and disk), without starting. */
  planReembed(choice: EmbeddingChoice): Promise<ReembedPlan>;
  /** Starts building a new embedding space beside the active one; recall keeps working throughout. */
  startReembed(choice: EmbeddingChoice): Promise<ReembedPlan>;
  pauseReembed(): Promise<ReembedStatus>;
  resumeReembed(): Promise<ReembedStatus>;
  /** Drops the partially built space. */
  cancelReembed(): Promise<ReembedStatus>;
  /** Goes back to the previous space during its undo period. */
  undoReembed(): Promise<ReembedStatus>;
  reembedStatus(): Promise<ReembedStatus>;
  /** Every embedding space with coverage and size on disk. */
  listSpaces(): Promise<SpaceSummary[]>;
  /** Drops retired spaces' vectors now and reports the disk reclaimed. */
  purgeRetiredSpaces(): Promise<{ spaces: number; reclaimedBytes: number }>;
  /** Subscribes to embedding progress; returns the unsubscribe function. */
  onProgress(listener: (progress: EmbeddingProgress) => void): () => void;
  close(): Promise<void>;
  /** Every tag on live notes with its note count, most used first. */
  listTags(): Promise<TagCount[]>;
  /** Agents that connected over MCP, were configured, or wrote notes, with their access and the default. */
  listAgents(): Promise<AgentList>;
  /** Sets an agent's access (read-write, read-only, blocked); null returns it to the default. */
  setAgentAccess(name: string, access: AgentAccess | null): Promise<AgentList>;
  /** Sets the access an agent nobody configured gets (default read-write). */
  setDefaultAgentAccess(access: AgentAccess): Promise<AgentList>;
  /** The access an agent has now, recording that it was seen (the MCP server asks before every tool call). */
  agentAccess(name: string): Promise<AgentAccess>;
  /** Backs up the memory now: a consistent snapshot packed into the data directory's backups folder. */
  createBackup(): Promise<BackupInfo>;
  /** The backups, newest first, and whether the daily automatic backup is on. */
  listBackups(): Promise<BackupOverview>;
  /** Turns the daily automatic backup on or off. */
  setAutomaticBackups(on: boolean): Promise<BackupOverview>;
  /** Writes every live note into a folder as a Markdown file with front matter (refuses a non-empty folder unless told). */
  exportMarkdown(dir: string, options?: MarkdownExportOptions): Promise<MarkdownExportResult>;
}
