// Builds import fixtures in temporary folders: files from a map, a hand-written PDF, ENEX and ChatGPT exports.
import fs from 'node:fs';
import path from 'node:path';

/** Writes each `relative path -> content` under dir (creating folders). */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** How a test PDF's page tree is shaped: flat (every page under the root, the default) or in nodes of `perNode` pages; `count` overrides the root's /Count. */
export interface PdfTreeShape {
  readonly perNode?: number;
  readonly count?: number;
}

/**
 * A minimal valid PDF, one text line per page, with a Title and CreationDate (byte offsets computed exactly);
 * `catalogExtra` adds catalog entries, `tree` shapes the page tree.
 */
export function minimalPdf(pages: readonly string[], title = 'Test PDF', catalogExtra = '', tree: PdfTreeShape = {}): Buffer {
  const fontId = 3 + pages.length * 2;
  const pageId = (i: number): number => 3 + i * 2;
  const groups: number[][] = [];
  if (tree.perNode) for (let i = 0; i < pages.length; i += tree.perNode) groups.push(pages.slice(i, i + tree.perNode).map((_, k) => i + k));
  const nodeId = (g: number): number => fontId + 1 + g;
  const parentOf = (i: number): number => (tree.perNode ? nodeId(Math.floor(i / tree.perNode)) : 2);
  const rootKids = tree.perNode ? groups.map((_, g) => nodeId(g)) : pages.map((_, i) => pageId(i));
  const objects: string[] = [`<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`, `<< /Type /Pages /Kids [${rootKids.map((id) => `${id} 0 R`).join(' ')}] /Count ${tree.count ?? pages.length} >>`];
  pages.forEach((text, i) => {
    const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`;
    objects.push(`<< /Type /Page /Parent ${parentOf(i)} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${4 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`);
  });
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const group of groups) objects.push(`<< /Type /Pages /Parent 2 0 R /Kids [${group.map((i) => `${pageId(i)} 0 R`).join(' ')}] /Count ${group.length} >>`);
  objects.push(`<< /Title (${title}) /CreationDate (D:20210304050607Z) >>`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** An Evernote export with the given notes (content is ENML). */
export function enex(notes: readonly { title: string; html: string; tags?: string[]; created?: string; resources?: number }[]): string {
  const body = notes
    .map(
      (n) => `<note><title>${n.title}</title><content><![CDATA[<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd"><en-note>${n.html}</en-note>]]></content>` +
        `${n.created ? `<created>${n.created}</created>` : ''}${(n.tags ?? []).map((t) => `<tag>${t}</tag>`).join('')}` +
        `${'<resource><data encoding="base64">aGVsbG8=</data><mime>image/png</mime></resource>'.repeat(n.resources ?? 0)}</note>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export3.dtd">\n<en-export export-date="20240101T000000Z" application="Evernote">\n${body}\n</en-export>\n`;
}

/** A ChatGPT conversations.json with one conversation per entry (a linear user/assistant thread). */
export function chatgptExport(conversations: readonly { id: string; title: string; created: number; turns: readonly [role: string, text: string][] }[]): string {
  return JSON.stringify(
    conversations.map((c) => {
      const mapping: Record<string, unknown> = { root: { id: 'root', message: null, parent: null, children: ['m0'] } };
      c.turns.forEach(([role, text], i) => {
        mapping[`m${i}`] = {
          id: `m${i}`,
          parent: i === 0 ? 'root' : `m${i - 1}`,
          children: i + 1 < c.turns.length ? [`m${i + 1}`] : [],
          message: { author: { role }, content: { content_type: 'text', parts: [text] }, create_time: c.created + i },
        };
      });
      return { id: c.id, title: c.title, create_time: c.created, update_time: c.created + 100, mapping, current_node: `m${c.turns.length - 1}` };
    }),
  );
}
