// A small Obsidian vault: front matter, nested tags, wikilinks, an embed, an attachment, a hidden folder.
import fs from 'node:fs';
import path from 'node:path';
import { writeTree } from './fixtures';

/** Writes the vault under dir and returns its root. */
export function makeVault(dir: string): string {
  const root = path.join(dir, 'My Vault');
  writeTree(root, {
    '.obsidian/app.json': '{}',
    '.trash/old.md': 'deleted note',
    'Daily/2024-03-01.md': '---\ncreated: 2024-03-01\ntags: daily\n---\nMet Ana about the #garden/vegetables plan. See [[Garden plan]].\n',
    'Garden plan.md': '---\ntitle: Garden plan\naliases: [Veg patch]\ntags: [garden, projects/home]\n---\n# Beds\n\nTomatoes in bed two, basil beside them. ![[beds.png]]\n\n## Watering\n\nDrip line on a timer, 20 minutes at dawn. #garden/irrigation\n',
    'Reading/Books.md': 'Reading list: *The Overstory*, *Braiding Sweetgrass*. #reading/nature\n',
    'Recipes/Pesto.md': '# Pesto\n\nBasil, pine nuts, parmesan, garlic, olive oil. Blend briefly. Links to [[Garden plan]].\n',
    'Recipes/Empty front matter only.md': '---\ntags: [x]\n---\n',
  });
  fs.writeFileSync(path.join(root, 'beds.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
  return root;
}
