import type { XMLParser } from 'fast-xml-parser';
import { decodeText } from './decode-text';
import { importTags } from './import-tags';
import { ImportFileError, type ImportedNote, type Importer, type RecordFailure } from './import-types';
import { parseDate } from './parse-date';

/**
 * fast-xml-parser reads the XML only: it never loads a DTD or an external entity (a file that declares one is
 * refused), and entities a file declares in its own DOCTYPE are bounded (count, size, expanded length) so a "billion
 * laughs" file cannot blow up memory. Evernote's exports declare none; the standard ones (&amp; &lt; ...) always work.
 */
const PARSER_OPTIONS: ConstructorParameters<typeof XMLParser>[0] = {
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxExpandedLength: 100_000, maxTotalExpansions: 10_000 },
  isArray: (name) => name === 'note' || name === 'tag' || name === 'resource',
};

interface EnexNote {
  title?: unknown;
  content?: unknown;
  created?: unknown;
  tag?: unknown[];
  resource?: unknown[];
}

/**
 * Evernote exports (.enex): one note per <note>, ENML content turned into text with html-to-text, <tag>s, <created>.
 * Attachments (<resource>) are counted and skipped. A malformed file is refused with the XML error and its line.
 */
export const enexImporter: Importer = {
  format: 'enex',
  parse: async (file) => {
    const { text: xml, warnings } = decodeText(file.bytes);
    // the XML and HTML libraries load with the first Evernote file, not with every command that opens the memory
    const [{ XMLParser, XMLValidator }, { htmlToText }] = await Promise.all([import('fast-xml-parser'), import('./html-text')]);
    const parser = new XMLParser(PARSER_OPTIONS);
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new ImportFileError(`not valid ENEX XML (${valid.err.msg} at line ${valid.err.line})`);
    let parsed: { 'en-export'?: { note?: EnexNote[] } };
    try {
      parsed = parser.parse(xml) as typeof parsed;
    } catch (error) {
      throw new ImportFileError(`not an ENEX file Engram can read (${error instanceof Error ? error.message : String(error)})`);
    }
    const root = parsed['en-export'];
    if (!root) throw new ImportFileError('not an Evernote export (no <en-export> element)');
    const notes: ImportedNote[] = [];
    const failures: RecordFailure[] = [];
    let attachments = 0;
    (root.note ?? []).forEach((note, i) => {
      const where = `${file.absPath}#note-${i + 1}`;
      attachments += note.resource?.length ?? 0;
      const title = typeof note.title === 'string' && note.title.trim() ? note.title.trim() : `Untitled note ${i + 1}`;
      let body: string;
      try {
        body = typeof note.content === 'string' ? htmlToText(note.content) : '';
      } catch (error) {
        failures.push({ path: where, reason: `"${title}" cannot be read (${error instanceof Error ? error.message : String(error)})` });
        return;
      }
      if (!body.trim()) {
        failures.push({ path: where, reason: `"${title}" has no text (attachments only?)` });
        return;
      }
      notes.push({
        title,
        body,
        tags: importTags((note.tag ?? []).filter((t): t is string => typeof t === 'string')),
        createdAt: parseDate(note.created) ?? file.mtime.toISOString(),
        source: { kind: 'enex', path: where },
      });
    });
    return { notes, failures, attachments, warnings: warnings.map((reason) => ({ path: file.absPath, reason })) };
  },
};
