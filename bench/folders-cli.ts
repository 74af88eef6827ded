// `npm run bench:folders [-- --notes 10k --runs 3 --edits 20 --vector-edits 10 --json]`: see folders-benchmark.ts.
import { formatFoldersReport, runFoldersBenchmark } from './folders-benchmark';
import { positiveNumber } from './number-option';

const USAGE = `npm run bench:folders -- [--notes N] [--move-notes N] [--offline-changes N] [--edits N] [--vector-edits N] [--runs N] [--work-dir DIR] [--json]
  --notes            notes in the generated vault (default 10k)
  --move-notes       notes in the folder that is moved (default 1000)
  --offline-changes  files changed while the memory is closed, per run (default 100)
  --edits            edits timed until keyword-searchable (default 20)
  --vector-edits     edits timed until vector-searchable with the built-in model (default 10)
  --runs             repeats of the catch-up measurements; medians are reported (default 3)
  --work-dir         keep the vault and memory there (default: a temporary folder, removed after)
`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const json = argv.includes('--json');
  const result = await runFoldersBenchmark({
    notes: positiveNumber(value('notes'), 'notes', 10_000),
    moveNotes: positiveNumber(value('move-notes'), 'move-notes', 1000),
    offlineChanges: positiveNumber(value('offline-changes'), 'offline-changes', 100),
    edits: positiveNumber(value('edits'), 'edits', 20),
    vectorEdits: positiveNumber(value('vector-edits'), 'vector-edits', 10),
    runs: positiveNumber(value('runs'), 'runs', 3),
    workDir: value('work-dir'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatFoldersReport(result)}\n`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench:folders: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
