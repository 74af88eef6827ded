// Finds and loads a SMART-format test collection from a directory: documents, queries, judgements, citations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { citationLinks, parseDocuments, parseQrels, parseQueries, type Qrels, type SmartDocument, type SmartQuery } from './smart-parser';

/** A loaded collection: what the eval adds as notes, what it asks, what counts as relevant. */
export interface SmartCollection {
  /** Short name for reports: the directory's name (`cisi`, `cacm`). */
  readonly name: string;
  readonly dir: string;
  /** The three files read, by role. */
  readonly files: { readonly documents: string; readonly queries: string; readonly qrels: string };
  readonly documents: readonly SmartDocument[];
  readonly queries: readonly SmartQuery[];
  readonly qrels: Qrels;
  /** The queries with at least one relevant document, in file order: the ones scored. */
  readonly judgedQueries: readonly SmartQuery[];
  /** Undirected citation links between documents (from `.X`; see `citationLinks`), for "related notes" checks. */
  readonly citations: ReadonlyMap<number, ReadonlySet<number>>;
}

/**
 * File names of each role, tried in order, case-insensitively: CISI (`CISI.ALL`, `CISI.QRY`, `CISI.REL`), CACM
 * (`cacm.all`, `query.text`, `qrels.text`) and the other SMART sets (`MED.ALL`, `cran.all.1400`, `cranqrel`, ...).
 */
const ROLE_PATTERNS = {
  documents: [/\.all(\.\d+)?$/i],
  queries: [/\.qry$/i, /^quer(y|ies)\.te?xt$/i],
  qrels: [/\.rel$/i, /^qrels?(\.te?xt)?$/i, /qrels?$/i],
} as const;

type Role = keyof typeof ROLE_PATTERNS;

/** Picks the file of each role in a directory; a clear error names what is missing or ambiguous. */
export function findCollectionFiles(dir: string): Record<Role, string> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`dataset directory not found: ${dir} (pass --dataset DIR)`);
  const names = fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isFile());
  const pick = (role: Role): string => {
    for (const pattern of ROLE_PATTERNS[role]) {
      const found = names.filter((n) => pattern.test(n));
      if (found.length === 1) return path.join(dir, found[0]!);
      if (found.length > 1) throw new Error(`${dir}: more than one ${role} file (${found.join(', ')}); keep one`);
    }
    throw new Error(`${dir}: no ${role} file (expected one of ${ROLE_PATTERNS[role].map(String).join(' ')}), in SMART format`);
  };
  return { documents: pick('documents'), queries: pick('queries'), qrels: pick('qrels') };
}

/** Reads and parses a collection directory. */
export function loadSmartCollection(dir: string): SmartCollection {
  const files = findCollectionFiles(dir);
  const read = (file: string): string => fs.readFileSync(file, 'utf8');
  const documents = parseDocuments(read(files.documents));
  const queries = parseQueries(read(files.queries));
  const qrels = parseQrels(read(files.qrels), path.basename(files.qrels));
  if (documents.length === 0) throw new Error(`${files.documents}: no documents (expected ".I id" records)`);
  const judgedQueries = queries.filter((q) => (qrels.get(q.id)?.size ?? 0) > 0 && q.text.length > 0);
  return { name: path.basename(path.resolve(dir)), dir, files, documents, queries, qrels, judgedQueries, citations: citationLinks(documents) };
}

/** The repository root: the nearest folder above this module (bundled or not) holding package.json. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Where the shared datasets live: `<repo>/../shared/datasets`. */
export function sharedDatasetsDir(): string {
  return path.resolve(findRepoRoot(), '../shared/datasets');
}

/** The collections `npm run eval` runs by default: every dataset folder beside the repo that holds a SMART set. */
export function defaultCollectionDirs(): string[] {
  const root = sharedDatasetsDir();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .map((n) => path.join(root, n))
    .filter((d) => {
      if (!fs.statSync(d).isDirectory()) return false;
      try {
        findCollectionFiles(d);
        return true;
      } catch {
        return false;
      }
    })
    .sort();
}
