// The import benchmark's input: a generated Obsidian-style vault of markdown notes with front matter, headings,
// lists, [[links]] and nested #tags, at realistic (log-normal) sizes. Deterministic: every run writes the same vault.
import fs from 'node:fs';
import path from 'node:path';

const WORDS = (
  'garden river meeting budget project design review coffee travel family music reading recipe weather ' +
  'planning research deadline customer server database release sprint backlog invoice doctor school ' +
  'mountain bicycle train kitchen window letter friend evening morning winter summer harvest library ' +
  'journal idea question answer problem solution draft outline chapter lecture notebook pencil market'
).split(' ');

/** A small deterministic PRNG (mulberry32), so every run imports the same vault. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** The unique word note `i` of a generated vault contains once (its keyword-search probe). */
export function vaultMarker(i: number): string {
  return `zq${i}x`;
}

/** The title note `i` of a generated vault is stored under (its file name, as Obsidian names notes). */
export function vaultTitle(i: number): string {
  return `Note ${i}`;
}

/**
 * Writes `count` notes under `root` (with a `.obsidian/` folder, so it is imported as a vault): log-normal sizes
 * (median ~900 characters, a long tail to 20k), front matter (tags, created, aliases), headings, lists, [[links]],
 * nested #tags, and one unique marker word per note. Returns the bytes written.
 */
export function generateVault(root: string, count: number): number {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const sentence = (): string => {
    const words = Array.from({ length: 6 + Math.floor(rnd() * 14) }, () => pick(WORDS));
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  let bytes = 0;
  fs.mkdirSync(path.join(root, '.obsidian'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const folder = path.join(root, `area-${i % 20}`, `topic-${i % 7}`);
    fs.mkdirSync(folder, { recursive: true });
    const target = Math.min(20_000, Math.round(Math.exp(Math.log(900) + 0.9 * gaussian(rnd))));
    const created = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 9 * 365) * 86_400_000).toISOString().slice(0, 10);
    let text = `---\ntags: [${pick(WORDS)}, area/${pick(WORDS)}]\ncreated: ${created}\naliases: [${pick(WORDS)} ${i}]\n---\n# Note ${i} ${pick(WORDS)}\n\n`;
    while (text.length < target) {
      const r = rnd();
      if (r < 0.1) text += `## ${sentence()}\n\n`;
      else if (r < 0.25) text += `- ${sentence()}\n- ${sentence()}\n- [[Note ${Math.floor(rnd() * count)}]]\n\n`;
      else text += `${sentence()} ${sentence()} ${sentence()} See [[Note ${Math.floor(rnd() * count)}]]. #${pick(WORDS)}/${pick(WORDS)}\n\n`;
    }
    text += `Unique marker ${vaultMarker(i)}.\n`;
    fs.writeFileSync(path.join(folder, `${vaultTitle(i)}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
