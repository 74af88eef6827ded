import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCollectionFiles, loadSmartCollection } from '../../eval/smart-collection';
import { citationLinks, parseDocuments, parseQrels, parseQueries } from '../../eval/smart-parser';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const datasets = path.resolve(repoRoot, '../shared/datasets');

describe('SMART parser on the real CISI files', () => {
  const cisi = loadSmartCollection(path.join(datasets, 'cisi'));

  it('reads 1,460 documents with ids 1..1460, each with a title and an abstract', () => {
    expect(cisi.documents).toHaveLength(1460);
    expect(cisi.documents.map((d) => d.id)).toEqual(Array.from({ length: 1460 }, (_, i) => i + 1));
    expect(cisi.documents.every((d) => d.title.length > 0 && d.abstract.length > 0)).toBe(true);
  });

  it('parses the fields of the first document', () => {
    const first = cisi.documents[0]!;
    expect(first.title).toBe('18 Editions of the Dewey Decimal Classifications');
    expect(first.authors).toEqual(['Comaromi, J.P.']);
    expect(first.abstract.startsWith('The present study is a history of the DEWEY Decimal Classification.')).toBe(true);
    expect(first.abstract).not.toMatch(/\s{2}|\n/);
    expect(first.crossRefs[0]).toEqual([1, 5, 1]);
  });

  it('reads 112 queries, 76 of them judged, with 3,114 judgements', () => {
    expect(cisi.queries).toHaveLength(112);
    expect(cisi.judgedQueries).toHaveLength(76);
    let pairs = 0;
    for (const set of cisi.qrels.values()) pairs += set.size;
    expect(pairs).toBe(3114);
    expect(cisi.queries.every((q) => q.text.length > 0)).toBe(true);
    expect(cisi.qrels.get(1)?.has(28)).toBe(true);
  });

  it('keeps the title, authors and bibliography of abstract-style queries', () => {
    const q58 = cisi.queries.find((q) => q.id === 58)!;
    expect(q58.title).toBe('Directions in Library Networking');
    expect(q58.authors).toEqual(['Avram, H.D.', 'McCallum, S.H.']);
    expect(q58.bibliography).toBe('(JASIS, Vol. 31, No. 6, November 1980, pp. 438-444)');
    expect(q58.text.startsWith('Bibliographic control before and after MARC is reviewed.')).toBe(true);
  });
});

describe('SMART parser on the real CACM files', () => {
  const cacm = loadSmartCollection(path.join(datasets, 'cacm'));

  it("finds CACM's own file names", () => {
    expect(cacm.name).toBe('cacm');
    expect(Object.values(cacm.files).map((f) => path.basename(f))).toEqual(['cacm.all', 'query.text', 'qrels.text']);
  });

  it('reads 3,204 documents, keeping the 1,617 that are a title alone', () => {
    expect(cacm.documents).toHaveLength(3204);
    expect(cacm.documents.every((d) => d.title.length > 0 || d.abstract.length > 0)).toBe(true);
    expect(cacm.documents.find((d) => d.id === 3193)?.title).toBe(''); // an abstract without a title
    expect(cacm.documents.filter((d) => d.abstract === '')).toHaveLength(1617);
    expect(cacm.documents[0]!.title).toBe('Preliminary Report-International Algebraic Language');
    expect(cacm.documents[0]!.authors).toEqual(['Perlis, A. J.', 'Samelson,K.']);
  });

  it('reads 64 queries, 52 of them judged', () => {
    expect(cacm.queries).toHaveLength(64);
    expect(cacm.judgedQueries).toHaveLength(52);
    expect(cacm.queries[0]!.text).toBe('What articles exist which deal with TSS (Time Sharing System), an operating system for IBM computers?');
    expect(cacm.queries[1]!.authors).toEqual(['Prieve, B.', 'Pooch, U.']);
    expect(cacm.qrels.get(1)).toEqual(new Set([1410, 1572, 1605, 2020, 2358]));
  });

  it('turns type-5 cross-references into symmetric citation links without self-links', () => {
    // document 1 lists "100 5 1" (a link to 100) and "165 6 1" (co-cited with 165: not a link)
    expect(cacm.citations.get(1)?.has(100)).toBe(true);
    expect(cacm.citations.get(100)?.has(1)).toBe(true);
    expect(cacm.citations.get(1)?.has(165)).toBe(false);
    expect(cacm.citations.get(1)?.has(1)).toBe(false);
  });
});

describe('SMART parser on small inputs', () => {
  it('parses documents with several authors and extra fields', () => {
    const docs = parseDocuments('.I 7\n.T \nA  Title\n.A\nOne, A.\nTwo, B.\n.B\n1970\n.W\n  Line one\nline two.\n.X\n3\t1\t7\n');
    expect(docs).toEqual([
      { id: 7, title: 'A Title', authors: ['One, A.', 'Two, B.'], abstract: 'Line one line two.', crossRefs: [[3, 1, 7]] },
    ]);
  });

  it('drops an empty sentinel record at the end of a file', () => {
    expect(parseQueries('.I 1\n.W\nWhat?\n.I 0\n').map((q) => q.id)).toEqual([1]);
  });

  it('parses queries without a title', () => {
    expect(parseQueries('.I 3\n.W\nWhat is information science?\n')).toEqual([
      { id: 3, text: 'What is information science?', title: null, authors: [], bibliography: null },
    ]);
  });

  it('counts every cross-reference as a link when the middle column is a count (CISI)', () => {
    const docs = parseDocuments('.I 1\n.T\nA\n.X\n1\t5\t1\n2\t1\t1\n.I 2\n.T\nB\n.X\n3\t12\t2\n');
    const links = citationLinks(docs);
    expect([...links.get(1)!]).toEqual([2]);
    expect([...links.get(2)!].sort()).toEqual([1, 3]);
  });

  it('names the missing file when a folder is not a SMART collection', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smart-'));
    fs.writeFileSync(path.join(dir, 'docs.all'), '.I 1\n.T\nA\n');
    expect(() => findCollectionFiles(dir)).toThrow(/no queries file/);
  });

  it('parses judgements and ignores blank lines', () => {
    const qrels = parseQrels('     1     28\t0\t0.000000\n 1 35 0 0.0\n\n2 5 0 0.0\n');
    expect([...qrels.entries()].map(([q, s]) => [q, [...s]])).toEqual([
      [1, [28, 35]],
      [2, [5]],
    ]);
  });
});
