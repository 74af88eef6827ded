import { initialSchema } from './001-initial-schema';
import { spaceRequestedDimensions } from './002-space-requested-dimensions';
import { importJobs } from './003-import-jobs';
import { reembedLifecycle } from './004-reembed-lifecycle';
import { noteAuthors } from './005-note-authors';
import { askThreads } from './006-ask-threads';
import { connectedFolders } from './007-connected-folders';
import { noteLinks } from './008-note-links';
import { phraseIndex } from './009-phrase-index';

/** A forward-only schema step; `version` numbers are consecutive from 1 and never reused. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial-schema', sql: initialSchema },
  { version: 2, name: 'space-requested-dimensions', sql: spaceRequestedDimensions },
  { version: 3, name: 'import-jobs', sql: importJobs },
  { version: 4, name: 'reembed-lifecycle', sql: reembedLifecycle },
  { version: 5, name: 'note-authors', sql: noteAuthors },
  { version: 6, name: 'ask-threads', sql: askThreads },
  { version: 7, name: 'connected-folders', sql: connectedFolders },
  { version: 8, name: 'note-links', sql: noteLinks },
  { version: 9, name: 'phrase-index', sql: phraseIndex },
];

/** The schema version this build of Engram writes. */
export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
