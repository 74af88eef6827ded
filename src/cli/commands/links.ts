// `engram links ID`: what a note links to (resolved now, or unresolved) and the notes that link to it.
import type { Command } from 'commander';
import type { NoteLinks, OutgoingLink } from '../../shared/connection-models';
import { contextFor, type CliDeps } from '../cli-context';
import type { Styles } from '../output';
import { parseId } from '../parse-args';
import { withEngine } from '../with-engine';

/** Registers `links ID`. */
export function registerLinks(program: Command, deps: CliDeps): void {
  program
    .command('links')
    .summary("list a note's links and backlinks")
    .description(
      'List the notes a note links to ([[wikilinks]], ![[embeds]], Markdown links to .md files), each with the note it ' +
        'opens now or "(unresolved)", and the notes that link to it with the line around their first link.',
    )
    .argument('<id>', 'the note ID (a positive whole number)', parseId)
    .action(async (id: number, _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const links = await withEngine(ctx, (engine) => engine.noteLinks(id), { brief: true });
      if (ctx.json) ctx.out.printJson(links);
      else ctx.out.print(...formatLinks(links, ctx.out.styles));
    });
}

/** A note's links as lines of human text: "Links:" then "Backlinks:", each list or "(none)". */
export function formatLinks(links: NoteLinks, styles: Styles): string[] {
  const lines = [styles.bold('Links:')];
  if (links.outgoing.length === 0) lines.push('  (none)');
  for (const link of links.outgoing) lines.push(`  ${writtenLink(link)}  →  ${link.noteId === null ? styles.dim('(unresolved)') : `${link.noteTitle} ${styles.dim(`(note ${link.noteId})`)}`}`);
  lines.push('', styles.bold('Backlinks:'));
  if (links.backlinks.length === 0) lines.push('  (none)');
  for (const back of links.backlinks) {
    const times = back.count > 1 ? ` ×${back.count}` : '';
    lines.push(`  ${back.title} ${styles.dim(`(note ${back.noteId})${times}`)}`, `    ${back.context}`);
  }
  return lines;
}

/** A link as it reads in the note: [[target#heading|label]], ![[embed]] or [label](target). */
function writtenLink(link: OutgoingLink): string {
  const part = link.heading ? `#${link.heading}` : link.blockRef ? `#^${link.blockRef}` : '';
  if (link.kind === 'markdown') return `[${link.label ?? ''}](${link.target}${part})`;
  return `${link.kind === 'embed' ? '!' : ''}[[${link.target}${part}${link.label ? `|${link.label}` : ''}]]`;
}
