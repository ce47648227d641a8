import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkGrammar,
  checkGrammarPlainHarper,
  getHarperLinter,
  GRAMMAR_TOLERANCE_PER_100_WORDS,
  GRAMMAR_ZERO_AT_PER_100_WORDS,
  grammarScore,
  LEARNER_GRAMMAR_RULES,
  RULES_THAT_FIRE_ON_LEARNER_TEXT,
  segmentSpokenText,
  warmUpGrammar,
} from './grammar.js';

// harper.js loads its WebAssembly once per process (≈ 2 s) and builds its long-typo structures
// once (≈ 3 s); pay both here so that no test's time-out includes them.
beforeAll(async () => {
  await warmUpGrammar({ spelling: true });
}, 60_000);

const slice = (text: string, i: { start: number; end: number }) => text.slice(i.start, i.end);

describe('checkGrammar', () => {
  it('reports harper issues with offsets and suggestions ("he don\'t", "did not went", "more better")', async () => {
    const text = "He don't like it. I did not went there. This is more better.";
    const issues = await checkGrammar(text);
    const found = issues.map((i) => [slice(text, i), i.source, i.suggestions[0]]);
    expect(found).toContainEqual(["don't", 'harper', "doesn't"]);
    expect(found).toContainEqual(['went', 'harper', 'go']);
    expect(found).toContainEqual(['more better', 'harper', 'better']);
  });

  it('adds project rules for errors harper misses', async () => {
    const cases: Array<[string, string, string]> = [
      ['There is many reasons for this.', 'is', 'are'],
      ['Me and him was working on the project.', 'me and him', 'he and I'],
      ['I learned how to handled the issue.', 'handled', 'handle'],
      ['Our clients was happy with it.', 'was', 'were'],
      ['One of my friend is a doctor.', 'friend', 'friends'],
      ['I can able to lead the team.', 'can able', 'can'],
    ];
    for (const [text, problem, suggestion] of cases) {
      const plain = await checkGrammarPlainHarper(text);
      expect(plain.some((i) => slice(text, i).toLowerCase() === problem)).toBe(false); // harper alone misses it
      const issues = await checkGrammar(text);
      const hit = issues.find((i) => slice(text, i).toLowerCase() === problem);
      expect(hit, text).toBeDefined();
      expect(hit!.source).toBe('project');
      expect(hit!.suggestions[0]!.toLowerCase()).toBe(suggestion.toLowerCase());
    }
  });

  it('finds nothing in a clean answer', async () => {
    const text =
      'In my last internship I built a small dashboard for the support team. It showed the number of open tickets and how long each one had been waiting, so the team could see problems early.';
    expect((await checkGrammar(text)).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('spoken mode drops capitalisation and punctuation complaints', async () => {
    const text = 'so i started with the logs and i found that the cache was stale we fixed it in a day';
    const written = await checkGrammar(text);
    expect(written.some((i) => i.kind === 'Capitalization')).toBe(true);
    const spoken = await checkGrammar(text, { spoken: true });
    expect(spoken.filter((i) => ['Capitalization', 'Punctuation', 'Formatting'].includes(i.kind))).toEqual([]);
    // Grammar errors are still found in spoken mode.
    const spokenError = await checkGrammar('our clients was unhappy and we fixed it', { spoken: true });
    expect(spokenError.map((i) => slice('our clients was unhappy and we fixed it', i))).toContain('was');
  });

  it('cuts a long unpunctuated transcript into pseudo-sentences for harper and maps offsets back', async () => {
    const text =
      'in my last project i was working on the payment service for a large bank and one day our clients was complaining about slow refunds ' +
      'so i looked at the logs with my manager because he don\'t like guessing and we found a slow query that i did not went through before ' +
      'then we added an index and the refunds became fast again which made everyone happy';
    const seg = segmentSpokenText(text);
    expect(seg.inserted.length).toBeGreaterThan(2);
    expect(seg.text.replace(/\./g, '')).toBe(text);
    for (const p of seg.inserted) expect(seg.text[p]).toBe('.');
    const issues = await checkGrammar(text, { spoken: true });
    const found = issues.map((i) => text.slice(i.start, i.end));
    expect(found).toEqual(expect.arrayContaining(['was', "don't", 'went']));
    expect(issues.some((i) => i.rule === 'LongSentences')).toBe(false);
  });

  it('does not flag names and acronyms as misspellings, and knows technical words', async () => {
    const text = 'I worked with Priyanka at Zentrix on the Kubernetes migration, and we used postgres and redis behind the backend.';
    const issues = await checkGrammar(text);
    expect(issues.filter((i) => i.kind === 'Spelling')).toEqual([]);
    const misspelt = await checkGrammar('I recieved the requirments from the client.');
    expect(misspelt.filter((i) => i.kind === 'Spelling').map((i) => slice('I recieved the requirments from the client.', i))).toEqual(['recieved', 'requirments']);
  });

  it('leaves names from code alone ("toString", "os.path.join", "__init__") and words such as "constructor"', async () => {
    for (const text of [
      'The constructor calls toString, and getUserById returns the user.',
      'I called os.path.join and set user_id in __init__ with self.value.',
      'Call console.log or JSON.stringify, then res.json.',
    ]) {
      expect(await checkGrammar(text)).toEqual([]);
    }
    // Prose around them is still checked.
    expect((await checkGrammar('I called os.path.join and it dont work.')).map((i) => i.rule)).not.toEqual([]);
  });

  it('reports long misspelt words with suggestions once the spelling warm-up has run (twice is a no-op)', async () => {
    const again = warmUpGrammar({ spelling: true });
    expect(again).toBe(warmUpGrammar({ spelling: true }));
    await again;
    const text = 'I improved the responsibilty matrix for the enviornment.';
    const issues = (await checkGrammar(text)).filter((i) => i.kind === 'Spelling');
    expect(issues.map((i) => slice(text, i))).toEqual(['responsibilty', 'enviornment']);
    expect(issues[0]!.suggestions).toContain('responsibility');
    expect(issues[1]!.suggestions).toContain('environment');
  });

  it('uses the dialect for spelling', async () => {
    const text = 'We changed the colour of the button.';
    const american = await checkGrammar(text, { dialect: 'american' });
    const british = await checkGrammar(text, { dialect: 'british' });
    expect(american.some((i) => slice(text, i) === 'colour')).toBe(true);
    expect(british.some((i) => slice(text, i) === 'colour')).toBe(false);
    // Technical words stay known after the dialect changes (harper drops imported words on setDialect).
    const tech = 'we moved the backend from postgres to redis on kubernetes';
    for (const dialect of ['american', 'indian'] as const) {
      expect((await checkGrammar(tech, { dialect, spoken: true })).filter((i) => i.kind === 'Spelling')).toEqual([]);
    }
  });

  it('catches learner errors JFLEG lacks ("asked to us", "could of", "I have working", "with out")', async () => {
    const found = async (text: string) => (await checkGrammar(text)).map((i) => i.rule);
    expect(await found('He asked to us about the design.')).toContain('AskNoPreposition');
    expect(await found('You could of asked me.')).toContain('ModalOf');
    expect(await found('I have working on it for two years.')).toContain('ProgressiveNeedsBe');
    expect(await found("We don't can deploy on Fridays.")).toContain('DontCan');
    expect(await found('We did it with out tests, how ever it worked.')).toEqual(expect.arrayContaining(['Without', 'However']));
    expect(await found('Every one in the team agreed.')).toContain('Everyone');
    expect(await found('Every one of them passed.')).toEqual([]);
  });

  it('runs every rule it names: a rule renamed by a harper upgrade would otherwise stop running unnoticed', async () => {
    const { configs } = await getHarperLinter();
    expect([...RULES_THAT_FIRE_ON_LEARNER_TEXT, ...LEARNER_GRAMMAR_RULES].filter((rule) => configs.written[rule] !== true)).toEqual([]);
    const written = Object.keys(configs.written).filter((rule) => configs.written[rule]);
    // The learner groups add their rules (pronouns, articles, punctuation); the idioms are not run.
    expect(written.length).toBeGreaterThan(RULES_THAT_FIRE_ON_LEARNER_TEXT.length + 50);
    expect(written.length).toBeLessThan(Object.keys(configs.full).length / 2);
    expect(written).toEqual(expect.arrayContaining(['AnA', 'ItsContraction', 'PronounVerbAgreement']));
  });

  it('skips harper rules that say nothing about the candidate (product names, letter sign-offs)', async () => {
    const text = 'Our clients was happy with the Blu Ray player app. Kid regards, Ravi.';
    const plain = await checkGrammarPlainHarper(text);
    expect(plain.map((i) => i.rule)).toEqual(expect.arrayContaining(['BluRayHyphen', 'KindRegards']));
    const issues = await checkGrammar(text);
    expect(issues.filter((i) => i.rule === 'BluRayHyphen' || i.rule === 'KindRegards')).toEqual([]);
    expect(issues.map((i) => slice(text, i))).toContain('was');
  });

  it('knows networking terms and leaves the serial comma to house style', async () => {
    const text = 'TCP retransmits lost segments and UDP is connectionless. The layers are physical, data link, network and transport.';
    const plain = await checkGrammarPlainHarper(text);
    expect(plain.map((i) => i.rule)).toEqual(['OxfordComma']);
    expect(await checkGrammar(text)).toEqual([]);
  });

  it('does not read "would first explain" as a missing "be", but still flags "may fell afraid" (JFLEG)', async () => {
    const text = 'I would first explain the idea with an example.';
    expect((await checkGrammarPlainHarper(text)).map((i) => i.rule)).toContain('ModalBeAdjective');
    expect(await checkGrammar(text)).toEqual([]);
    const wrong = 'He may fell afraid or terrible when he is alone.';
    expect((await checkGrammar(wrong)).map((i) => i.rule)).toContain('ModalBeAdjective');
  });

  it('on random word salad, typed or spoken, every issue lies inside the text it was given', async () => {
    const words = ['there', 'is', 'many', 'reason', 'constructor', 'toString', 'I', 'has', 'went', 'to', 'the', 'the', 'recieve',
      'and', 'so', 'because', 'we', 'was', '🙂', 'naïve', 'C++', '—', ',', '.', '?', 'waythismakes', 'my', 'self'];
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let n = 0; n < 40; n++) {
      const text = Array.from({ length: 5 + Math.floor(rand() * 60) }, () => words[Math.floor(rand() * words.length)]!).join(' ');
      for (const spoken of [false, true]) {
        for (const i of await checkGrammar(text, { spoken })) {
          expect(i.start).toBeGreaterThanOrEqual(0);
          expect(i.end).toBeLessThanOrEqual(text.length);
          expect(i.end).toBeGreaterThan(i.start);
        }
      }
    }
  });

  it('offsets are UTF-16 offsets even after non-BMP characters', async () => {
    const text = '🙂 Our clients was happy.';
    const issues = await checkGrammar(text);
    expect(issues.map((i) => slice(text, i))).toContain('was');
  });
});

describe('grammarScore', () => {
  const errors = (n: number) => Array.from({ length: n }, () => ({ severity: 'error' as const }));
  it('is null without words', () => {
    expect(grammarScore([], 0)).toEqual({ score: null, issuesPer100Words: null });
  });
  it('is 100 up to the tolerance and 0 at the published rate', () => {
    expect(GRAMMAR_TOLERANCE_PER_100_WORDS).toBe(0.5);
    expect(GRAMMAR_ZERO_AT_PER_100_WORDS).toBe(10);
    expect(grammarScore(errors(0), 150).score).toBe(100);
    expect(grammarScore(errors(1), 200).score).toBe(100); // exactly 0.5 per 100 words
    expect(grammarScore(errors(10), 100).score).toBe(0);
    expect(grammarScore(errors(30), 100).score).toBe(0);
    expect(grammarScore(errors(5), 100)).toEqual({ score: 53, issuesPer100Words: 5 }); // 100·(1 − 4.5/9.5)
  });
  it('does not count hints', () => {
    expect(grammarScore([{ severity: 'hint' }, { severity: 'hint' }], 100).score).toBe(100);
  });
});
