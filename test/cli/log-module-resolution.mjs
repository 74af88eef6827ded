// Preloaded into a CLI child process (node --import): registers a module hook that appends every specifier the
// process resolves to ENGRAM_TEST_RESOLVE_LOG, one per line, so a test can tell which packages a command loaded.
import { register } from 'node:module';

register('./module-resolution-hooks.mjs', import.meta.url);
