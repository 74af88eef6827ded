// The CISI collection under the names the benches import; the parsing itself is the SMART parser's.
import path from 'node:path';
import { loadSmartCollection, sharedDatasetsDir, type SmartCollection } from './smart-collection';
import type { SmartDocument, SmartQuery } from './smart-parser';

export { parseDocuments, parseQrels, parseQueries, type Qrels } from './smart-parser';

/** One CISI document (a SMART document). */
export type CisiDocument = SmartDocument;
/** One CISI query (a SMART query). */
export type CisiQuery = SmartQuery;
/** The CISI collection (a SMART collection). */
export type CisiCollection = SmartCollection;

/** Reads the collection from a directory holding CISI.ALL, CISI.QRY and CISI.REL. */
export function loadCisi(dir: string): CisiCollection {
  return loadSmartCollection(dir);
}

/** The default dataset location: `<repo>/../shared/datasets/cisi`. */
export function defaultCisiDir(): string {
  return path.join(sharedDatasetsDir(), 'cisi');
}
