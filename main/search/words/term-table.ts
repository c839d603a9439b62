import { foldedWords } from '../../../shared/text-fold';
import { grow } from './grow';
import type { IdList } from './id-list';

/**
 * Code units below FOLD_LIMIT (ASCII and the Latin letters of Spanish, French, Vietnamese...) fold one
 * to one: each to a folded letter or digit, or to a separator. The table is worked out from foldedWords
 * itself, so a scan agrees with it by construction; any other unit sends its whole text to foldedWords.
 */
const FOLD_LIMIT = 0x250;
const SEPARATOR = 0;
const SLOW = -1;
const FOLD = Int32Array.from({ length: FOLD_LIMIT }, (_, code) => {
  const words = foldedWords(String.fromCharCode(code));
  if (words.length === 0) return SEPARATOR;
  return words.length === 1 && words[0]!.length === 1 ? words[0]!.charCodeAt(0) : SLOW;
});

/**
 * Folded words to term ids (0, 1, 2 ... in order of first sight), read straight from the text's code
 * units. Building the index meets some 5 million words at 100,000 services but only a few thousand
 * distinct ones; cutting each out as a lower-cased string and looking it up in a Map made garbage of
 * every one. Here a word is hashed as it is scanned and compared in place; only a new word becomes a string.
 */
export class TermTable {
  readonly names: string[] = [];
  private hashOf = new Int32Array(1024);
  /** Open addressing: term id + 1 per slot, 0 for empty; kept at most half full. */
  private slots = new Int32Array(2048);
  private word = new Uint16Array(64);

  get size(): number {
    return this.names.length;
  }

  /** The id of a folded word (or token), added if new. */
  id(word: string): number {
    if (word.length > this.word.length) this.word = new Uint16Array(word.length * 2);
    let hash = HASH_SEED;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      this.word[k] = c;
      hash = mix(hash, c);
    }
    return this.lookup(hash, word.length);
  }

  /**
   * Appends the ids of the folded words of text[from .. to) to `out`, in order: the same words foldedWords
   * gives. A range, so many texts packed into one string are scanned without cutting each out.
   */
  scan(text: string, out: IdList, from = 0, to = text.length): void {
    const start = out.length;
    let length = 0;
    let hash = HASH_SEED;
    for (let k = from; k < to; k++) {
      const code = text.charCodeAt(k);
      const folded = code < FOLD_LIMIT ? FOLD[code]! : SLOW;
      if (folded === SLOW) {
        out.length = start;
        return this.scanSlowly(from === 0 && to === text.length ? text : text.slice(from, to), out);
      }
      if (folded === SEPARATOR) {
        if (length > 0) out.push(this.lookup(hash, length));
        length = 0;
        hash = HASH_SEED;
        continue;
      }
      if (length === this.word.length) this.word = grow(this.word, length * 2, 0);
      this.word[length++] = folded;
      hash = mix(hash, folded);
    }
    if (length > 0) out.push(this.lookup(hash, length));
  }

  private scanSlowly(text: string, out: IdList): void {
    for (const w of foldedWords(text)) out.push(this.id(w));
  }

  /** The id of the word in this.word[0 .. length), added if new. */
  private lookup(hash: number, length: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return this.add(slot, hash, length);
      const id = entry - 1;
      if (this.hashOf[id] === hash && this.matches(this.names[id]!, length)) return id;
    }
  }

  private matches(name: string, length: number): boolean {
    if (name.length !== length) return false;
    for (let k = 0; k < length; k++) if (name.charCodeAt(k) !== this.word[k]) return false;
    return true;
  }

  private add(slot: number, hash: number, length: number): number {
    const id = this.names.length;
    this.names.push(text(this.word, length));
    if (id === this.hashOf.length) this.hashOf = grow(this.hashOf, id * 2, 0);
    this.hashOf[id] = hash;
    this.slots[slot] = id + 1;
    if (this.names.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let id = 0; id < this.names.length; id++) {
      let slot = this.hashOf[id]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    }
  }
}

/** The string of units[0 .. length), in pieces: a spread of a very long word would overflow the call stack. */
function text(units: Uint16Array, length: number): string {
  let out = '';
  for (let k = 0; k < length; k += 4096) out += String.fromCharCode(...units.subarray(k, Math.min(length, k + 4096)));
  return out;
}

const HASH_SEED = 0x811c9dc5 | 0;
/** FNV-1a over code units. */
const mix = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193);
