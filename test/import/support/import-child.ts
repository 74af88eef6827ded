// Child process for the crash test: imports a folder, printing progress lines, until the parent kills it.
import { openEngram } from '../../../src/core/engine/open-engram';
import { ImportService } from '../../../src/core/import/import-service';

const [dataDir, source] = process.argv.slice(2) as [string, string];
const engram = await openEngram({ dataDir, holder: 'import crash test child' });
const service = new ImportService({ db: engram.database, onQueued: () => undefined, batchSize: 5 });
await service.run({ path: source }, { onProgress: (p) => process.stdout.write(`${p.phase} ${p.filesParsed}\n`) });
process.stdout.write('finished\n');
await engram.close();
