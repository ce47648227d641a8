import SearchableMap from 'minisearch/SearchableMap';
import { highlight, snippet, type TermMatcher } from './html.js';
import {
  FACET_NAMES,
  normalizePaging,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './search-engine.js';
import { tokenize } from './text.js';

/*
 * In-process search engine for the zero-setup deployment.
 *
 * Why not MiniSearch's own index and search(): measured on 100k generated experiences here, its
 * nested-Map postings take ~375 MB of heap and 10 s to build, and search() allocates a result
 * object per matching document and sorts them all, so a query for a common word took 400 ms.
 * We keep MiniSearch's radix tree (SearchableMap), whose fuzzyGet/atPrefix give typo and prefix
 * expansion over the vocabulary, and store postings ourselves in typed arrays (~5 bytes per
 * posting). A query then walks flat arrays, reuses per-document scratch arrays instead of
 * allocating, counts facets from precomputed per-document value codes, and keeps only the top
 * `page × perPage` documents in a heap instead of sorting every match.
 *
 * Documents get a dense internal number ("slot") in insertion order. Updates and deletes only
 * mark the old slot dead; postings stay sorted by slot (which allows binary-search lookups), and
 * dead slots are compacted away once they are a quarter of the index.
 */

const TITLE = 0;
const BODY = 1;
const FIELDS = [TITLE, BODY] as const;
/** Title matches weigh three times body matches, so a title hit outranks a body-only hit. */
const FIELD_BOOST = [3, 1];
/** BM25+ parameters, MiniSearch's defaults. */
const BM25_K = 1.2;
const BM25_B = 0.7;
const BM25_D = 0.5;
/** Expanded terms count less than the word typed (MiniSearch's default weights). */
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
/** Meilisearch also ignores words after the tenth. */
const MAX_QUERY_TERMS = 10;
/** A short prefix can expand to thousands of words; the most frequent ones are what people mean. */
const PREFIX_SCAN_LIMIT = 500;
const MAX_PREFIX_EXPANSIONS = 40;
const MAX_FUZZY_EXPANSIONS = 25;
/** Same default as Meilisearch's `maxValuesPerFacet`. */
const MAX_FACET_VALUES = 100;
/** Longer "words" are junk (hashes, base64, URLs); indexing them only bloats the vocabulary. */
const MAX_TERM_LENGTH = 64;
/** Yield to the event loop between chunks of a large upsert so a reindex does not stall requests. */
const UPSERT_CHUNK = 2_000;
const DOC_TYPES = new Set(['experience', 'question', 'thread', 'company']);

type SingleFacet = 'type' | 'company' | 'role' | 'year' | 'outcome';
type MultiFacet = 'roundKinds' | 'topics';
const SINGLE_FACETS: readonly SingleFacet[] = ['type', 'company', 'role', 'year', 'outcome'];
const MULTI_FACETS: readonly MultiFacet[] = ['roundKinds', 'topics'];
const FILTER_FACET: Record<keyof SearchFilters, SingleFacet | MultiFacet> = {
  type: 'type',
  company: 'company',
  role: 'role',
  year: 'year',
  outcome: 'outcome',
  roundKind: 'roundKinds',
  topic: 'topics',
};

/** Document ids (slots) containing a term in one field, with term frequencies, sorted by slot. */
class PostingList {
  docs = new Int32Array(2);
  tfs = new Uint8Array(2);
  length = 0;

  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint8Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = tf > 255 ? 255 : tf;
    this.length++;
  }

  /** Keeps live entries, renumbered; `remap[slot]` is -1 for dead slots. */
  compact(remap: Int32Array): void {
    let w = 0;
    for (let i = 0; i < this.length; i++) {
      const slot = remap[this.docs[i]];
      if (slot < 0) continue;
      this.docs[w] = slot;
      this.tfs[w] = this.tfs[i];
      w++;
    }
    this.length = w;
    if (this.docs.length > 4 * w + 8) {
      this.docs = this.docs.slice(0, Math.max(2, w));
      this.tfs = this.tfs.slice(0, Math.max(2, w));
    }
  }
}

/** Distinct values of one facet, numbered so documents can store small integers. */
class FacetDictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/**
 * Values of a multi-valued facet for every slot, stored flat (CSR): slot s owns
 * values[start[s] .. start[s + 1]). Slots are appended in order, so appending is enough; dead
 * slots' values go away at compaction. Flat typed arrays make facet counting a tight loop.
 */
class MultiColumn {
  start = new Uint32Array(1);
  values = new Int32Array(64);

  append(slot: number, codes: readonly number[]): void {
    if (slot + 2 > this.start.length) this.start = grow(this.start, Math.max(1024, this.start.length * 2));
    const from = this.start[slot];
    if (from + codes.length > this.values.length) this.values = grow(this.values, Math.max(from + codes.length, this.values.length * 2));
    this.values.set(codes, from);
    this.start[slot + 1] = from + codes.length;
  }

  has(slot: number, code: number): boolean {
    for (let i = this.start[slot]; i < this.start[slot + 1]; i++) if (this.values[i] === code) return true;
    return false;
  }

  compact(remap: Int32Array, slots: number, live: number): void {
    let w = 0;
    for (let slot = 0; slot < slots; slot++) {
      const to = remap[slot];
      if (to < 0) continue;
      const from = this.start[slot];
      const end = this.start[slot + 1];
      this.start[to] = w; // to <= slot and w <= from: never overwrites data still to be read
      for (let i = from; i < end; i++) this.values[w++] = this.values[i];
    }
    this.start[live] = w;
  }
}

interface Expansion {
  term: string;
  lists: PostingList[]; // the term's non-empty lists…
  fields: number[]; // …and the field each one belongs to
  weight: number;
}

interface QueryTerm {
  expansions: Expansion[];
  cost: number; // total postings to scan
}

interface CompiledFilter {
  single: Array<{ column: Int32Array; code: number }>;
  multi: Array<{ column: MultiColumn; code: number }>;
}

/** One posting list of a query term with its BM25+ constants folded in. */
interface ScoredList {
  docs: Int32Array;
  tfs: Uint8Array;
  length: number;
  lengths: Uint32Array; // field length per slot
  weight: number; // term weight × field boost × idf
  c2: number; // k·b / average field length
}
const BM25_C1 = BM25_K * (1 - BM25_B);

/** A filter on a value that no document has: nothing can match. */
const NOTHING = Symbol('nothing');

function grow<T extends Int32Array | Uint32Array | Float64Array | Uint8Array | Uint16Array>(array: T, size: number, fill?: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

export interface EmbeddedSearchEngineOptions {
  /** Compact dead slots once there are at least this many (and they are ≥ 25 % of live ones). */
  compactAfterDead?: number;
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private readonly compactAfterDead: number;

  // Vocabulary: the Map is the fast path while indexing, the radix tree serves fuzzy/prefix lookups.
  private termIds = new Map<string, number>();
  private dictionary = new SearchableMap<number>();
  private postings: [(PostingList | undefined)[], (PostingList | undefined)[]] = [[], []];

  // Per-slot document data.
  private capacity = 0;
  private slots = 0; // slots handed out, live or dead
  private live = 0;
  private dead = 0;
  private ids = new Map<string, number>();
  private docs: (SearchDocument | undefined)[] = [];
  private alive = new Uint8Array(0);
  private createdAt = new Float64Array(0);
  private fieldLength: [Uint32Array, Uint32Array] = [new Uint32Array(0), new Uint32Array(0)];
  private fieldLengthSum = [0, 0];
  private dictionaries = new Map<FacetName, FacetDictionary>();
  private singleColumns = new Map<SingleFacet, Int32Array>();
  private multiColumns = new Map<MultiFacet, MultiColumn>();

  // Per-query scratch, reused so that a query allocates nothing proportional to the index.
  private generation = 0;
  private stamp = new Uint32Array(0); // === generation: the slot was seen by the current query
  private matched = new Uint8Array(0); // how many query terms the slot matched
  private lastTerm = new Uint8Array(0); // OR mode: last query term counted for the slot
  private score = new Float64Array(0);
  private candidates = new Int32Array(0);
  private tfScratch = new Uint16Array(1024);

  constructor(options: EmbeddedSearchEngineOptions = {}) {
    this.compactAfterDead = options.compactAfterDead ?? 5_000;
    this.reset();
  }

  async init(): Promise<void> {
    // Nothing to create: the index lives in memory and is filled by the caller.
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    docs.forEach(validate); // all or nothing: a bad document must not leave half a batch applied
    for (let i = 0; i < docs.length; i++) {
      if (i > 0 && i % UPSERT_CHUNK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const doc = docs[i];
      const existing = this.ids.get(doc.id);
      if (existing !== undefined) this.kill(existing);
      this.add(doc);
    }
    this.maybeCompact();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const slot = this.ids.get(id);
      if (slot !== undefined) this.kill(slot);
    }
    this.maybeCompact();
  }

  async clear(): Promise<void> {
    this.reset();
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    return {
      ok: true,
      detail: `embedded: ${this.live} documents (${this.dead} replaced/removed awaiting compaction), ${this.termIds.size} terms`,
    };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const { page, perPage } = normalizePaging(query);
    const words = [...new Set(tokenize(query.q.slice(0, 1_000)))].filter((w) => w.length <= MAX_TERM_LENGTH);
    const terms = words.slice(0, MAX_QUERY_TERMS);
    const filter = this.compileFilters(query.filters ?? {});

    let count = 0;
    let highlighted: TermMatcher = () => false;
    if (filter !== NOTHING) {
      if (terms.length === 0) {
        count = this.collectAll(filter);
      } else {
        // The last word may still be being typed, so it also matches as a prefix.
        const lastWordIsPrefix = /[^\s\p{P}]$/u.test(query.q) && words.length <= MAX_QUERY_TERMS;
        const queryTerms = terms.map((term, i) => this.expand(term, lastWordIsPrefix && i === terms.length - 1));
        count = this.matchAll(queryTerms, filter);
        // Like Meilisearch's fallback: when no document has every word, rank those with the most.
        if (count === 0 && terms.length > 1) count = this.matchAny(queryTerms, filter);
        const marked = new Set(queryTerms.flatMap((t) => t.expansions.map((e) => e.term)));
        const prefix = lastWordIsPrefix ? terms[terms.length - 1] : undefined;
        highlighted = (term) => marked.has(term) || (prefix !== undefined && prefix.length > 1 && term.startsWith(prefix));
      }
    }

    const byDate = terms.length === 0 || query.sort === 'newest';
    const top = this.topK(count, page * perPage, byDate);
    const hits: SearchHit[] = [];
    for (let i = (page - 1) * perPage; i < top.length; i++) {
      const doc = this.docs[top[i]] as SearchDocument;
      hits.push({ doc, titleHtml: highlight(doc.title, highlighted), snippetHtml: snippet(doc.body, highlighted) });
    }
    const facets = this.countFacets(count);
    return { hits, total: count, page, perPage, facets, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  // ---- indexing ----------------------------------------------------------------------------

  private reset(): void {
    this.termIds = new Map();
    this.dictionary = new SearchableMap<number>();
    this.postings = [[], []];
    this.capacity = 0;
    this.slots = 0;
    this.live = 0;
    this.dead = 0;
    this.ids = new Map();
    this.docs = [];
    this.fieldLengthSum = [0, 0];
    this.dictionaries = new Map(FACET_NAMES.map((name) => [name, new FacetDictionary()]));
    this.singleColumns = new Map(SINGLE_FACETS.map((name) => [name, new Int32Array(0)]));
    this.multiColumns = new Map(MULTI_FACETS.map((name) => [name, new MultiColumn()]));
    this.alive = new Uint8Array(0);
    this.createdAt = new Float64Array(0);
    this.fieldLength = [new Uint32Array(0), new Uint32Array(0)];
    this.stamp = new Uint32Array(0);
    this.matched = new Uint8Array(0);
    this.lastTerm = new Uint8Array(0);
    this.score = new Float64Array(0);
    this.candidates = new Int32Array(0);
    this.generation = 0;
    this.ensureCapacity(1024);
  }

  private ensureCapacity(size: number): void {
    if (size <= this.capacity) return;
    const capacity = Math.max(size, this.capacity * 2);
    this.alive = grow(this.alive, capacity);
    this.createdAt = grow(this.createdAt, capacity);
    this.fieldLength = [grow(this.fieldLength[0], capacity), grow(this.fieldLength[1], capacity)];
    for (const [name, column] of this.singleColumns) this.singleColumns.set(name, grow(column, capacity, -1));
    this.stamp = grow(this.stamp, capacity);
    this.matched = grow(this.matched, capacity);
    this.lastTerm = grow(this.lastTerm, capacity);
    this.score = grow(this.score, capacity);
    this.candidates = grow(this.candidates, capacity);
    this.capacity = capacity;
  }

  private add(input: SearchDocument): void {
    // A private copy: callers may reuse or mutate their objects after upsert.
    const doc: SearchDocument = {
      ...input,
      ...(input.roundKinds && { roundKinds: [...input.roundKinds] }),
      ...(input.topics && { topics: [...input.topics] }),
    };
    const slot = this.slots++;
    this.ensureCapacity(this.slots);
    this.ids.set(doc.id, slot);
    this.docs[slot] = doc;
    this.alive[slot] = 1;
    this.createdAt[slot] = doc.createdAt;
    this.live++;

    for (const name of SINGLE_FACETS) {
      const value = doc[name];
      const column = this.singleColumns.get(name) as Int32Array;
      column[slot] = value === undefined || value === null ? -1 : this.facetDictionary(name).codeOf(String(value));
    }
    for (const name of MULTI_FACETS) {
      const values = doc[name];
      const codes = values?.length ? [...new Set(values.map((v) => this.facetDictionary(name).codeOf(String(v))))] : [];
      (this.multiColumns.get(name) as MultiColumn).append(slot, codes);
    }

    this.indexField(TITLE, slot, doc.title);
    this.indexField(BODY, slot, doc.body);
  }

  private indexField(field: number, slot: number, text: string): void {
    const words = tokenize(text);
    const touched: number[] = [];
    for (const word of words) {
      if (word.length > MAX_TERM_LENGTH) continue;
      const id = this.termId(word);
      if (this.tfScratch[id] === 0) touched.push(id);
      if (this.tfScratch[id] < 0xffff) this.tfScratch[id]++;
    }
    const lists = this.postings[field];
    for (const id of touched) {
      let list = lists[id];
      if (list === undefined) lists[id] = list = new PostingList();
      list.push(slot, this.tfScratch[id]);
      this.tfScratch[id] = 0;
    }
    this.fieldLength[field][slot] = words.length;
    this.fieldLengthSum[field] += words.length;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.postings[TITLE].length;
      this.postings[TITLE].push(undefined);
      this.postings[BODY].push(undefined);
      this.termIds.set(term, id);
      this.dictionary.set(term, id);
      if (id >= this.tfScratch.length) {
        const next = new Uint16Array(this.tfScratch.length * 2);
        next.set(this.tfScratch);
        this.tfScratch = next;
      }
    }
    return id;
  }

  private facetDictionary(name: FacetName): FacetDictionary {
    return this.dictionaries.get(name) as FacetDictionary;
  }

  private kill(slot: number): void {
    const doc = this.docs[slot];
    if (doc === undefined) return;
    this.ids.delete(doc.id);
    this.docs[slot] = undefined;
    this.alive[slot] = 0;
    for (const field of FIELDS) this.fieldLengthSum[field] -= this.fieldLength[field][slot];
    this.live--;
    this.dead++;
  }

  private maybeCompact(): void {
    if (this.dead >= this.compactAfterDead && this.dead * 4 >= this.live) this.compact();
  }

  /** Drops dead slots everywhere and renumbers the rest, keeping their order. */
  compact(): void {
    const remap = new Int32Array(this.slots).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot]) remap[slot] = next++;

    for (const [term, id] of this.termIds) {
      let empty = true;
      for (const field of FIELDS) {
        const list = this.postings[field][id];
        if (list === undefined) continue;
        list.compact(remap);
        if (list.length === 0) this.postings[field][id] = undefined;
        else empty = false;
      }
      if (empty) {
        this.termIds.delete(term);
        this.dictionary.delete(term);
      }
    }

    // remap[slot] <= slot, so moving entries forward in place never overwrites one still needed.
    for (let slot = 0; slot < this.slots; slot++) {
      const to = remap[slot];
      if (to < 0 || to === slot) continue;
      this.docs[to] = this.docs[slot];
      this.alive[to] = 1;
      this.createdAt[to] = this.createdAt[slot];
      for (const field of FIELDS) this.fieldLength[field][to] = this.fieldLength[field][slot];
      for (const column of this.singleColumns.values()) column[to] = column[slot];
    }
    for (let slot = next; slot < this.slots; slot++) {
      this.docs[slot] = undefined;
      this.alive[slot] = 0;
    }
    this.docs.length = next;
    for (const column of this.multiColumns.values()) column.compact(remap, this.slots, next);
    for (let slot = 0; slot < next; slot++) this.ids.set((this.docs[slot] as SearchDocument).id, slot);

    this.slots = next;
    this.dead = 0;
    // Slot numbers changed meaning, so stale stamps could collide with a future generation.
    this.stamp.fill(0);
    this.generation = 0;
  }

  // ---- querying ----------------------------------------------------------------------------

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private compileFilters(filters: SearchFilters): CompiledFilter | typeof NOTHING {
    const compiled: CompiledFilter = { single: [], multi: [] };
    for (const key of Object.keys(FILTER_FACET) as (keyof SearchFilters)[]) {
      const value = filters[key];
      if (value === undefined || value === null || value === '') continue;
      const facet = FILTER_FACET[key];
      const code = this.facetDictionary(facet).find(String(value));
      if (code < 0) return NOTHING;
      if (facet === 'roundKinds' || facet === 'topics') {
        compiled.multi.push({ column: this.multiColumns.get(facet) as MultiColumn, code });
      } else {
        compiled.single.push({ column: this.singleColumns.get(facet) as Int32Array, code });
      }
    }
    return compiled;
  }

  private accepts(filter: CompiledFilter, slot: number): boolean {
    for (const { column, code } of filter.single) if (column[slot] !== code) return false;
    for (const { column, code } of filter.multi) if (!column.has(slot, code)) return false;
    return true;
  }

  /** Word typed, plus the vocabulary words within the allowed typos, plus prefix completions. */
  private expand(term: string, prefix: boolean): QueryTerm {
    const weights = new Map<string, number>();
    if (this.termIds.has(term)) weights.set(term, 1);

    if (prefix && term.length > 1) {
      const completions: Array<[string, number]> = [];
      let scanned = 0;
      for (const [word, id] of this.dictionary.atPrefix(term)) {
        if (word !== term) completions.push([word, this.documentFrequency(id)]);
        if (++scanned >= PREFIX_SCAN_LIMIT) break;
      }
      completions.sort((a, b) => b[1] - a[1]);
      for (const [word] of completions.slice(0, MAX_PREFIX_EXPANSIONS)) {
        const distance = word.length - term.length;
        weights.set(word, (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * distance));
      }
    }

    const typos = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    if (typos > 0) {
      const near = [...this.dictionary.fuzzyGet(term, typos)]
        .filter(([word, [, distance]]) => distance > 0 && !weights.has(word))
        .map(([word, [id, distance]]) => ({ word, distance, df: this.documentFrequency(id) }))
        .sort((a, b) => a.distance - b.distance || b.df - a.df)
        .slice(0, MAX_FUZZY_EXPANSIONS);
      for (const { word, distance } of near) weights.set(word, (FUZZY_WEIGHT * word.length) / (word.length + distance));
    }

    const expansions: Expansion[] = [];
    let cost = 0;
    for (const [word, weight] of weights) {
      const id = this.termIds.get(word) as number;
      const lists: PostingList[] = [];
      const fields: number[] = [];
      for (const field of FIELDS) {
        const list = this.postings[field][id];
        if (list === undefined) continue;
        lists.push(list);
        fields.push(field);
        cost += list.length;
      }
      expansions.push({ term: word, lists, fields, weight });
    }
    return { expansions, cost };
  }

  private documentFrequency(id: number): number {
    return (this.postings[TITLE][id]?.length ?? 0) + (this.postings[BODY][id]?.length ?? 0);
  }

  /** The term's posting lists with BM25+ constants; the hot loops below then only do arithmetic. */
  private scoredLists(term: QueryTerm): ScoredList[] {
    const n = Math.max(this.live, 1);
    const scored: ScoredList[] = [];
    for (const expansion of term.expansions) {
      expansion.lists.forEach((list, l) => {
        const field = expansion.fields[l];
        const df = Math.min(list.length, n);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const avgLength = Math.max(this.fieldLengthSum[field] / n, 1);
        scored.push({
          docs: list.docs,
          tfs: list.tfs,
          length: list.length,
          lengths: this.fieldLength[field],
          weight: expansion.weight * FIELD_BOOST[field] * idf,
          c2: (BM25_K * BM25_B) / avgLength,
        });
      });
    }
    return scored;
  }

  // The three passes below repeat the BM25+ expression instead of sharing a callback: a callback
  // called per posting from several sites stops V8 from inlining it, which costs ~2× on common words.

  /** Documents matching every term (with typos/prefix); rarest term first so the set shrinks fast. */
  private matchAll(terms: QueryTerm[], filter: CompiledFilter): number {
    const order = [...terms].sort((a, b) => a.cost - b.cost);
    const gen = this.nextGeneration();
    const { stamp, matched, score, candidates, alive } = this;
    const filtered = filter.single.length + filter.multi.length > 0;
    let count = 0;

    for (const { docs, tfs, length, lengths, weight, c2 } of this.scoredLists(order[0])) {
      for (let i = 0; i < length; i++) {
        const slot = docs[i];
        if (stamp[slot] !== gen) {
          stamp[slot] = gen;
          if (!alive[slot] || (filtered && !this.accepts(filter, slot))) {
            matched[slot] = 0;
            continue;
          }
          matched[slot] = 1;
          score[slot] = 0;
          candidates[count++] = slot;
        } else if (matched[slot] === 0) {
          continue;
        }
        const tf = tfs[i];
        score[slot] += weight * (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_C1 + c2 * lengths[slot]));
      }
    }

    for (let k = 1; k < order.length && count > 0; k++) {
      const lists = this.scoredLists(order[k]);
      // Probing each candidate by binary search beats scanning when the term is far more common.
      const cost = order[k].cost;
      if (count * lists.length * Math.log2(cost / Math.max(lists.length, 1) + 2) < cost) this.probe(lists, k, count);
      else {
        for (const { docs, tfs, length, lengths, weight, c2 } of lists) {
          for (let i = 0; i < length; i++) {
            const slot = docs[i];
            if (stamp[slot] !== gen) continue;
            const m = matched[slot];
            if (m === k) matched[slot] = k + 1;
            else if (m !== k + 1) continue;
            const tf = tfs[i];
            score[slot] += weight * (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_C1 + c2 * lengths[slot]));
          }
        }
      }
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const slot = candidates[i];
        if (matched[slot] === k + 1) candidates[kept++] = slot;
      }
      count = kept;
    }
    return count;
  }

  private probe(lists: ScoredList[], k: number, count: number): void {
    const { matched, score, candidates } = this;
    for (const { docs, tfs, length, lengths, weight, c2 } of lists) {
      for (let c = 0; c < count; c++) {
        const slot = candidates[c];
        let lo = 0;
        let hi = length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          const value = docs[mid];
          if (value < slot) lo = mid + 1;
          else if (value > slot) hi = mid - 1;
          else {
            if (matched[slot] === k) matched[slot] = k + 1;
            const tf = tfs[mid];
            score[slot] += weight * (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_C1 + c2 * lengths[slot]));
            break;
          }
        }
      }
    }
  }

  /** Documents matching any term, scored by BM25+ times the number of terms matched. */
  private matchAny(terms: QueryTerm[], filter: CompiledFilter): number {
    const gen = this.nextGeneration();
    const { stamp, matched, lastTerm, score, candidates, alive } = this;
    const filtered = filter.single.length + filter.multi.length > 0;
    const REJECTED = 255;
    let count = 0;
    for (let k = 0; k < terms.length; k++) {
      for (const { docs, tfs, length, lengths, weight, c2 } of this.scoredLists(terms[k])) {
        for (let i = 0; i < length; i++) {
          const slot = docs[i];
          if (stamp[slot] !== gen) {
            stamp[slot] = gen;
            if (!alive[slot] || (filtered && !this.accepts(filter, slot))) {
              matched[slot] = REJECTED;
              continue;
            }
            matched[slot] = 0;
            lastTerm[slot] = REJECTED;
            score[slot] = 0;
            candidates[count++] = slot;
          } else if (matched[slot] === REJECTED) {
            continue;
          }
          if (lastTerm[slot] !== k) {
            lastTerm[slot] = k;
            matched[slot]++;
          }
          const tf = tfs[i];
          score[slot] += weight * (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_C1 + c2 * lengths[slot]));
        }
      }
    }
    for (let i = 0; i < count; i++) score[candidates[i]] *= matched[candidates[i]];
    return count;
  }

  private collectAll(filter: CompiledFilter): number {
    const filtered = filter.single.length + filter.multi.length > 0;
    let count = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.alive[slot] && (!filtered || this.accepts(filter, slot))) this.candidates[count++] = slot;
    }
    return count;
  }

  /**
   * The best `k` candidates in order, via a bounded min-heap: O(n log k) and no per-match objects.
   * Ties go to the newer document, then the later insertion, so pages are stable.
   */
  private topK(count: number, k: number, byDate: boolean): number[] {
    k = Math.min(k, count);
    if (k <= 0) return [];
    const key = byDate ? this.createdAt : this.score;
    const { createdAt, candidates } = this;
    const better = (a: number, b: number): boolean =>
      key[a] !== key[b] ? key[a] > key[b] : createdAt[a] !== createdAt[b] ? createdAt[a] > createdAt[b] : a > b;

    const heap = new Int32Array(k); // heap[0] is the worst of the best k so far
    let size = 0;
    const siftDown = (from: number): void => {
      let i = from;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < size && better(heap[worst], heap[left])) worst = left;
        if (right < size && better(heap[worst], heap[right])) worst = right;
        if (worst === i) return;
        const tmp = heap[i];
        heap[i] = heap[worst];
        heap[worst] = tmp;
        i = worst;
      }
    };
    for (let c = 0; c < count; c++) {
      const slot = candidates[c];
      if (size < k) {
        let i = size++;
        heap[i] = slot;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!better(heap[parent], heap[i])) break;
          const tmp = heap[i];
          heap[i] = heap[parent];
          heap[parent] = tmp;
          i = parent;
        }
      } else if (key[slot] >= key[heap[0]] && better(slot, heap[0])) {
        heap[0] = slot;
        siftDown(0);
      }
    }
    return Array.from(heap).sort((a, b) => (better(a, b) ? -1 : 1));
  }

  /** One pass over the matches, counting every facet from the per-slot value codes. */
  private countFacets(count: number): SearchResult['facets'] {
    const candidates = this.candidates;
    const single = SINGLE_FACETS.map((name) => ({
      name,
      column: this.singleColumns.get(name) as Int32Array,
      counts: new Int32Array(this.facetDictionary(name).values.length), // one cell per distinct value
    }));
    const multi = MULTI_FACETS.map((name) => ({
      name,
      column: this.multiColumns.get(name) as MultiColumn,
      counts: new Int32Array(this.facetDictionary(name).values.length),
    }));
    const [c0, c1, c2, c3, c4] = single.map((f) => f.column);
    const [n0, n1, n2, n3, n4] = single.map((f) => f.counts);
    for (let i = 0; i < count; i++) {
      const slot = candidates[i];
      // Unrolled over the five single-valued facets; -1 means "no value".
      if (c0[slot] >= 0) n0[c0[slot]]++;
      if (c1[slot] >= 0) n1[c1[slot]]++;
      if (c2[slot] >= 0) n2[c2[slot]]++;
      if (c3[slot] >= 0) n3[c3[slot]]++;
      if (c4[slot] >= 0) n4[c4[slot]]++;
    }
    for (const { column, counts } of multi) {
      const { start, values } = column;
      for (let i = 0; i < count; i++) {
        const slot = candidates[i];
        for (let v = start[slot], end = start[slot + 1]; v < end; v++) counts[values[v]]++;
      }
    }
    const facets: SearchResult['facets'] = {};
    for (const { name, counts } of [...single, ...multi]) facets[name] = facetRecord(this.facetDictionary(name).values, counts);
    return facets;
  }
}

/** Values with a non-zero count, most frequent first (as Meilisearch sorts them), capped. */
function facetRecord(values: readonly string[], counts: Int32Array): Record<string, number> {
  const present: number[] = [];
  for (let code = 0; code < counts.length; code++) if (counts[code] > 0) present.push(code);
  present.sort((a, b) => counts[b] - counts[a]);
  const record: Record<string, number> = {};
  for (const code of present.slice(0, MAX_FACET_VALUES)) record[values[code]] = counts[code];
  return record;
}

function validate(doc: SearchDocument): void {
  if (typeof doc.id !== 'string' || doc.id === '') throw new TypeError('Search document needs a non-empty string id');
  if (!DOC_TYPES.has(doc.type)) throw new TypeError(`Search document ${doc.id} has an unknown type "${String(doc.type)}"`);
  if (typeof doc.title !== 'string' || typeof doc.body !== 'string') {
    throw new TypeError(`Search document ${doc.id} needs a string title and body`);
  }
  if (!Number.isFinite(doc.createdAt)) throw new TypeError(`Search document ${doc.id} needs createdAt in epoch ms`);
}
