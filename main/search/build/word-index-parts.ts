import { SYNONYM_GROUPS } from '../../../shared/search-vocabulary';
import { termLabel } from '../../../shared/vocabulary';
import { grow } from '../words/grow';
import { IdList } from '../words/id-list';
import { groupAt, groupToken, NO_GROUP, PHRASE_START, synonymRole } from '../words/synonyms';
import { TextIndexBuilder, type StoredTextIndex } from '../words/text-postings';

/** Texts per service, in this order: name, alternate name, organization (the names column), then description, eligibility (body). */
export const TEXTS_PER_ITEM = 5;
const NAME_TEXTS = 3;

/**
 * What the word index reads of each service's own columns, packed so a worker thread receives it in a few
 * copies: the texts end to end in a few long strings (pieces), text k of item i being
 * pieces[pieceOf[i]][bounds[2(5i+k)] .. bounds[2(5i+k)+1]).
 */
export interface WordTexts {
  size: number;
  pieces: string[];
  pieceOf: Int32Array;
  bounds: Int32Array;
}

/**
 * Each piece of text at most this long: joined and posted to a worker in a few tens of milliseconds at
 * most (pieces of 4 million took 0.1-0.2 s), far below V8's limit on one string's length.
 */
const PIECE_CHARS = 1 << 20;

/**
 * Packs services' texts (see WordTexts) as they come, each piece handed to `onPiece` once complete, whether
 * the texts come from the search facts (word-index-job.ts) or straight from the tables (texts-from-tables.ts).
 */
export class TextPacker {
  private bounds = new Int32Array(1024 * TEXTS_PER_ITEM * 2);
  private pieceOf = new Int32Array(1024);
  private readonly pieces: string[] = [];
  // Appended to one string rather than joined from a list: V8 keeps the appends as a rope, flattened in one
  // copy when the piece is posted, where join('') took 0.4-0.6 s at 100,000 services.
  private piece = '';
  private at = 0;
  private k = 0;
  size = 0;

  constructor(private readonly onPiece: (piece: string) => void = () => {}) {}

  /** One service's texts: name, alternate name, organization, description, eligibility. */
  add(name: string, alternateName: string | null, organization: string, description: string | null, eligibility: string | null): void {
    if (this.at > PIECE_CHARS) this.endPiece();
    if (this.size === this.pieceOf.length) {
      this.pieceOf = grow(this.pieceOf, this.size * 2, 0);
      this.bounds = grow(this.bounds, this.size * 2 * TEXTS_PER_ITEM * 2, 0);
    }
    this.pieceOf[this.size++] = this.pieces.length;
    this.put(name);
    this.put(alternateName);
    this.put(organization);
    this.put(description);
    this.put(eligibility);
  }

  /** The texts packed, the last piece handed over. */
  finish(): WordTexts {
    this.endPiece();
    const { size, pieces } = this;
    return { size, pieces, pieceOf: this.pieceOf.slice(0, size), bounds: this.bounds.slice(0, size * TEXTS_PER_ITEM * 2) };
  }

  private put(value: string | null): void {
    this.bounds[this.k++] = this.at;
    if (value) {
      this.piece += value;
      this.at += value.length;
    }
    this.bounds[this.k++] = this.at;
  }

  private endPiece(): void {
    this.pieces.push(this.piece);
    this.onPiece(this.piece);
    this.piece = '';
    this.at = 0;
  }
}

/** Each service's name (its first text), cut from the packed texts rather than handed over again. */
export function namesOf({ size, pieces, pieceOf, bounds }: WordTexts): string[] {
  const names = new Array<string>(size);
  for (let item = 0; item < size; item++) {
    const at = item * TEXTS_PER_ITEM * 2;
    names[item] = pieces[pieceOf[item]!]!.slice(bounds[at]!, bounds[at + 1]!);
  }
  return names;
}

/**
 * The tags column of each service, which needs its locations and terms (read after its own columns):
 * item i's place text is placeKeys[placeOf[i]], its labels (category, population and language ids)
 * labelKeys[labels[labelStart[i] .. labelStart[i + 1] - 1]].
 */
export interface WordTags {
  placeKeys: string[];
  placeOf: Int32Array;
  labelKeys: string[];
  labelStart: Int32Array;
  labels: Int32Array;
}

/** Services scanned between two progress reports. */
export const WORD_BATCH = 5_000;

/**
 * The word index of the services, built in two parts so the costly one can start before the facts are
 * complete (on a worker thread, word-index-job.ts): scan() turns every service's names and body into term
 * ids, each with the tokens of the synonym groups it mentions; assemble() then adds the tags column (cities,
 * and category, population and language labels in English and Spanish) and builds the postings. Labels and
 * cities recur in most records, so their term ids are worked out once and remembered.
 */
export class WordIndexParts {
  private readonly b: TextIndexBuilder;
  /** Synonym role by term id, filled as terms appear: one array read per word instead of a map lookup. */
  private roles: Int32Array = new Int32Array(4096);
  private known = 0;
  /** By synonym group: its token's term id, -1 until first seen. */
  private readonly groupTerms = new Int32Array(SYNONYM_GROUPS.length).fill(-1);
  /** By synonym group: the last text it was found in (each group's token is added once per text). */
  private readonly groupSeen = new Int32Array(SYNONYM_GROUPS.length);
  private textCount = 0;
  private readonly groups = new IdList();
  /** Term ids of names and body, item after item, scanned straight in; item i's end at namesEnd[i] / bodyEnd[i]. */
  private readonly names = new IdList();
  private readonly body = new IdList();
  private readonly namesEnd: Int32Array;
  private readonly bodyEnd: Int32Array;

  constructor(readonly size: number) {
    this.b = new TextIndexBuilder(size);
    this.namesEnd = new Int32Array(size);
    this.bodyEnd = new Int32Array(size);
  }

  /** Scans items [from, to) of the texts: their names' and body's term ids, kept for assemble(). */
  scan(texts: WordTexts, from: number, to: number): void {
    const { pieces, pieceOf, bounds } = texts;
    const { names, body } = this;
    for (let item = from; item < to; item++) {
      const text = pieces[pieceOf[item]!]!;
      const at = item * TEXTS_PER_ITEM * 2;
      let start = names.length;
      for (let k = 0; k < NAME_TEXTS; k++) this.b.terms.scan(text, names, bounds[at + 2 * k]!, bounds[at + 2 * k + 1]!);
      this.withGroups(names, start);
      this.namesEnd[item] = names.length;
      start = body.length;
      for (let k = NAME_TEXTS; k < TEXTS_PER_ITEM; k++) this.b.terms.scan(text, body, bounds[at + 2 * k]!, bounds[at + 2 * k + 1]!);
      this.withGroups(body, start);
      this.bodyEnd[item] = body.length;
    }
  }

  /** The index: every scanned item's names (column 0), tags (1) and body (2). */
  assemble(tags: WordTags): StoredTextIndex {
    const { b, namesEnd, bodyEnd } = this;
    const names = this.names.ids;
    const body = this.body.ids;
    const placeIds = tags.placeKeys.map((place) => this.termIds(place));
    const labelIds = tags.labelKeys.map((id) => this.termIds(`${termLabel(id, 'en')} \n ${termLabel(id, 'es')}`));
    for (let item = 0, n = 0, d = 0; item < this.size; item++) {
      for (; n < namesEnd[item]!; n++) b.add(names[n]!, 0);
      addAll(b, placeIds[tags.placeOf[item]!]!, 1);
      for (let l = tags.labelStart[item]!; l < tags.labelStart[item + 1]!; l++) addAll(b, labelIds[tags.labels[l]!]!, 1);
      for (; d < bodyEnd[item]!; d++) b.add(body[d]!, 2);
      b.endItem();
    }
    return b.finish();
  }

  /** The term ids of the folded words of a text, then of its synonym groups' tokens. */
  private termIds(value: string): Int32Array {
    const out = new IdList();
    this.b.terms.scan(value, out, 0, value.length);
    this.withGroups(out, 0);
    return out.view();
  }

  /** Appends to out the tokens of the synonym groups its words from `start` on mention, each group once. */
  private withGroups(out: IdList, start: number): void {
    const end = out.length;
    const ids = out.ids;
    const groups = this.groups;
    const text = ++this.textCount;
    groups.length = 0;
    for (let i = start; i < end; i++) {
      const id = ids[i]!;
      if (id >= this.known) this.learnRoles(id);
      let g = this.roles[id]!;
      if (g === NO_GROUP) continue;
      if (g === PHRASE_START) g = this.phraseAt(ids, i, end);
      if (g >= 0 && this.groupSeen[g] !== text) {
        this.groupSeen[g] = text;
        groups.push(g);
      }
    }
    for (let k = 0; k < groups.length; k++) out.push(this.groupTerm(groups.ids[k]!));
  }

  /**
   * The group of the phrase starting at ids[i], or NO_GROUP. A phrase may run on from one text into the
   * next, as if the texts were joined into one.
   */
  private phraseAt(ids: Int32Array, i: number, end: number): number {
    const names = this.b.terms.names;
    return groupAt((k) => (k < end ? names[ids[k]!] : undefined), i)?.group ?? NO_GROUP;
  }

  private groupTerm(g: number): number {
    if (this.groupTerms[g] === -1) this.groupTerms[g] = this.b.terms.id(groupToken(g));
    return this.groupTerms[g]!;
  }

  private learnRoles(id: number): void {
    if (id >= this.roles.length) this.roles = grow(this.roles, Math.max(id + 1, this.roles.length * 2), 0);
    const names = this.b.terms.names;
    for (; this.known <= id; this.known++) this.roles[this.known] = synonymRole(names[this.known]!);
  }
}

function addAll(b: TextIndexBuilder, ids: Int32Array, column: number): void {
  for (let k = 0; k < ids.length; k++) b.add(ids[k]!, column);
}
