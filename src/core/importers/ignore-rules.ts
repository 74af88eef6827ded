import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularFile } from '../files/read-regular-file';

/** A .gitignore larger than this is not read (no real one comes close). */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** One directory's .gitignore (or the caller's excludes), applied to paths below that directory. */
interface RuleSet {
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * .gitignore-style excludes, as git applies them: the caller's patterns at the root, plus every .gitignore found on
 * the way down, each relative to its own directory. Built on the `ignore` package.
 */
export class IgnoreRules {
  private constructor(private readonly sets: readonly RuleSet[]) {}

  /** Rules for the root: the given patterns (if any). */
  static root(root: string, patterns: readonly string[]): IgnoreRules {
    return new IgnoreRules(patterns.length ? [{ base: root, rules: ignore().add([...patterns]) }] : []);
  }

  /** These rules plus the directory's own .gitignore, when it has one (a regular file: a pipe named .gitignore is not waited on). */
  async enter(dir: string): Promise<IgnoreRules> {
    const bytes = await readRegularFile(path.join(dir, '.gitignore'), { maxBytes: MAX_GITIGNORE_BYTES }).catch(() => null);
    const text = bytes === null ? null : bytes.toString('utf8');
    return text === null ? this : new IgnoreRules([...this.sets, { base: dir, rules: ignore().add(text) }]);
  }

  /** True when a rule excludes this path. */
  excludes(absPath: string, isDirectory: boolean): boolean {
    return this.sets.some(({ base, rules }) => {
      const rel = path.relative(base, absPath).split(path.sep).join('/');
      return rel !== '' && !rel.startsWith('..') && rules.ignores(isDirectory ? `${rel}/` : rel);
    });
  }
}
