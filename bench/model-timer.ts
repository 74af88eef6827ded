// Measures time spent inside the built-in model: wraps BuiltinProvider's embedDocuments/embedQuery (the class the
// core's provider registry instantiates, bundled into this process) and sums the wall time of each call.
import { BuiltinProvider } from '../src/core/embedding/builtin/builtin-provider';

/** Time spent inside the built-in provider since the last reset. */
export interface ModelTimer {
  /**
   * Milliseconds during which at least one embedDocuments call for documents was in flight (the union of the
   * calls' intervals: the queue submits the next batch while the previous one is written, and the model's worker
   * answers them in order, so overlapping calls must not be counted twice).
   */
  readonly documentMs: number;
  /** Number of texts embedded as documents. */
  readonly documentTexts: number;
  /** Milliseconds inside embedQuery calls. */
  readonly queryMs: number;
  /** Zeroes the counters. */
  reset(): void;
}

interface Counters {
  documentMs: number;
  documentTexts: number;
  queryMs: number;
  queryDepth: number;
  inFlight: number;
  busySince: number;
}

let installed: (ModelTimer & { counters: Counters }) | null = null;

/** Installs the timing wrapper once (idempotent) and returns the shared counters. */
export function installModelTimer(): ModelTimer {
  if (installed) return installed;
  const counters: Counters = { documentMs: 0, documentTexts: 0, queryMs: 0, queryDepth: 0, inFlight: 0, busySince: 0 };
  const proto = BuiltinProvider.prototype;
  const embedDocuments = proto.embedDocuments;
  const embedQuery = proto.embedQuery;
  proto.embedDocuments = async function (this: BuiltinProvider, texts: readonly string[]): Promise<Float32Array[]> {
    const forQuery = counters.queryDepth > 0; // embedQuery delegates to embedDocuments
    if (forQuery) return embedDocuments.call(this, texts);
    if (counters.inFlight++ === 0) counters.busySince = performance.now();
    try {
      return await embedDocuments.call(this, texts);
    } finally {
      counters.documentTexts += texts.length;
      if (--counters.inFlight === 0) counters.documentMs += performance.now() - counters.busySince;
    }
  };
  proto.embedQuery = async function (this: BuiltinProvider, text: string): Promise<Float32Array> {
    counters.queryDepth++;
    const start = performance.now();
    try {
      return await embedQuery.call(this, text);
    } finally {
      counters.queryDepth--;
      counters.queryMs += performance.now() - start;
    }
  };
  installed = {
    counters,
    get documentMs() {
      return counters.documentMs;
    },
    get documentTexts() {
      return counters.documentTexts;
    },
    get queryMs() {
      return counters.queryMs;
    },
    reset() {
      counters.documentMs = 0;
      counters.documentTexts = 0;
      counters.queryMs = 0;
    },
  };
  return installed;
}
