// Learner text for bench/language.mjs and bench/memory.mjs: JFLEG dev's sentences (../shared/data,
// or JFLEG_SRC) as plain text, typos harper has not met before, and the seeded random numbers both use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A small deterministic PRNG in [0, 1), so that runs are comparable. */
export function seededRandom(seed) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** Where JFLEG dev's tokenised source sentences are read from. */
export function jflegSource(root) {
  return process.env.JFLEG_SRC ?? join(root, '../shared/data/jfleg-dev/dev.src');
}

/** JFLEG dev's sentences as a learner typed them (detokenised by the app's eval code), or null when absent. */
export async function jflegSentences(root, distRoot) {
  const file = jflegSource(root);
  if (!existsSync(file)) return null;
  const { detokenize } = await import(pathToFileURL(join(distRoot, 'src/ml/language/eval-grammar.js')).href);
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => detokenize(line.trim().split(/\s+/)).text);
}

/**
 * A typo maker: two letters swapped, one left out, doubled or replaced. Each typo is new to the
 * process: harper keeps the suggestions it computed for a misspelt word (≈ 1 ms for a new one),
 * and a student's typos are rarely ones it has seen. Words under 4 letters or not lower-case
 * letters are left as they are.
 */
export function makeTypist(rand) {
  const seen = new Set();
  return (word) => {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    for (let attempt = 0; attempt < 20; attempt++) {
      const i = 1 + Math.floor(rand() * (word.length - 2));
      const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)];
      const t = [
        () => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2),
        () => word.slice(0, i) + word.slice(i + 1),
        () => word.slice(0, i) + word[i] + word.slice(i),
        () => word.slice(0, i) + letter + word.slice(i + 1),
      ][Math.floor(rand() * 4)]();
      if (t !== word && !seen.has(t)) {
        seen.add(t);
        return t;
      }
    }
    return word;
  };
}
