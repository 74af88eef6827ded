import { describe, expect, it } from 'vitest';
import { tagTree } from '../../src/renderer/src/lib/tag-tree';

describe('the sidebar tag tree', () => {
  it('puts nested tags under their parents in path order, with parents no note carries', () => {
    const rows = tagTree([
      { tag: 'work', count: 5 },
      { tag: 'home/garden/roses', count: 1 },
      { tag: 'home/garden', count: 2 },
      { tag: 'Work/meetings', count: 3 },
      { tag: 'area', count: 1 },
    ]);
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.name}:${r.count ?? '-'}`)).toEqual([
      'area:1',
      'home:-',
      '  garden:2',
      '    roses:1',
      'work:5',
      'Work:-',
      '  meetings:3',
    ]);
  });
});
