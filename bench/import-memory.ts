// Peak memory of the benchmark process (the engine, PGlite and the embedder thread all live in it).

/** Samples RSS every `everyMs`; peak() also takes the kernel's high-water mark, which catches spikes between samples. */
export interface RssSampler {
  /** Highest RSS so far in bytes: max of the samples and the process's maxRSS. */
  peak(): number;
  /** RSS right now in bytes. */
  now(): number;
  stop(): void;
}

/** Starts sampling this process's resident set size. */
export function sampleRss(everyMs = 100): RssSampler {
  let sampled = process.memoryUsage.rss();
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), everyMs);
  timer.unref();
  return {
    peak: () => Math.max(sampled, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024),
    now: () => process.memoryUsage.rss(),
    stop: () => clearInterval(timer),
  };
}
