import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCisi, parseDocuments, parseQrels, parseQueries } from '../../eval/cisi-parser';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const datasetDir = path.resolve(repoRoot, '../shared/datasets/cisi');

describe('CISI parser on the real files', () => {
  const cisi = loadCisi(datasetDir);

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

describe('CISI parser on small inputs', () => {
  it('parses documents with several authors and extra fields', () => {
    const docs = parseDocuments('.I 7\n.T \nA  Title\n.A\nOne, A.\nTwo, B.\n.B\n1970\n.W\n  Line one\nline two.\n.X\n3\t1\t7\n');
    expect(docs).toEqual([
      { id: 7, title: 'A Title', authors: ['One, A.', 'Two, B.'], abstract: 'Line one line two.', crossRefs: [[3, 1, 7]] },
    ]);
  });

  it('parses queries without a title', () => {
    expect(parseQueries('.I 3\n.W\nWhat is information science?\n')).toEqual([
      { id: 3, text: 'What is information science?', title: null, authors: [], bibliography: null },
    ]);
  });

  it('parses judgements and ignores blank lines', () => {
    const qrels = parseQrels('     1     28\t0\t0.000000\n 1 35 0 0.0\n\n2 5 0 0.0\n');
    expect([...qrels.entries()].map(([q, s]) => [q, [...s]])).toEqual([
      [1, [28, 35]],
      [2, [5]],
    ]);
  });
});
