// `npm run bench:import`: imports a generated vault into a fresh memory and checks the import targets (keyword-
// searchable time, peak memory, embedding throughput against the model alone). See import-options.ts for the flags.
import { runImportBenchmark } from './import-benchmark';
import { MODEL_ALONE_FLAG, runModelAloneChild } from './import-model-alone';
import { IMPORT_BENCH_USAGE, parseImportBenchOptions } from './import-options';
import { formatImportBenchReport } from './import-report';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === MODEL_ALONE_FLAG) return runModelAloneChild(argv[1]!);
  const options = parseImportBenchOptions(argv);
  if (!options) {
    process.stdout.write(IMPORT_BENCH_USAGE);
    return;
  }
  const result = await runImportBenchmark({
    notes: options.notes,
    embed: options.embed,
    sampleChunks: options.sampleChunks,
    verify: options.verify,
    workDir: options.workDir ?? undefined,
    script: process.argv[1]!,
  });
  const failed = !result.targets.memoryWithin1GB || !result.targets.throughputAtLeast90 || result.targets.keywordWithin20s === false;
  if (failed) process.exitCode = 1;
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatImportBenchReport(result)}\n`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench:import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
