import { BACKSLASH, QUOTE, SPACE, decodeString, skipString, writtenAt, type BodyText } from './jsonSyntax';

/**
 * The names of one body, each kept once however many series repeat it: what the model keeps stays
 * in proportion to the distinct names, and fewer strings outlive the scan. A name written in plain
 * ASCII (nearly all) is found by a hash of its bytes and compared where it stands, so a repeat
 * costs no string; any other is decoded and found by its text.
 */
export class NameTable {
  /** Just after the closing quote of the string read last. */
  end = 0;
  /** Open addressing: slot k holds a plain name and the hash of its bytes, or nothing. */
  private plain: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  private hashes = new Int32Array(256);
  private plainCount = 0;
  /** Names with escapes or characters past ASCII, by their text. */
  private readonly others = new Map<string, string>();

  /** The string whose opening quote is at `start`, validated as `skipString` does. */
  read(s: Uint8Array, text: BodyText, start: number): string {
    let hash = 0;
    let i = start + 1;
    for (let c = s[i]!; c !== QUOTE && c !== BACKSLASH && c >= SPACE && c < 0x80; c = s[++i]!) hash = (hash * 31 + c) | 0;
    if (s[i] !== QUOTE) {
      this.end = skipString(s, text, i);
      const decoded = decodeString(text, start, this.end);
      const known = this.others.get(decoded);
      if (known !== undefined) return known;
      this.others.set(decoded, decoded);
      return decoded;
    }
    this.end = i + 1;
    const length = i - start - 1;
    const mask = this.plain.length - 1;
    for (let k = hash & mask; ; k = (k + 1) & mask) {
      const name = this.plain[k];
      if (name === undefined) {
        const decoded = text.slice(start + 1, i);
        this.plain[k] = decoded;
        this.hashes[k] = hash;
        if (++this.plainCount * 2 > this.plain.length) this.grow();
        return decoded;
      }
      if (this.hashes[k] === hash && name.length === length && writtenAt(name, s, start + 1)) return name;
    }
  }

  /** Twice the slots, so that at most half are taken. */
  private grow(): void {
    const { plain, hashes } = this;
    this.plain = new Array<string | undefined>(plain.length * 2).fill(undefined);
    this.hashes = new Int32Array(plain.length * 2);
    const mask = this.plain.length - 1;
    for (let j = 0; j < plain.length; j++) {
      const name = plain[j];
      if (name === undefined) continue;
      let k = hashes[j]! & mask;
      while (this.plain[k] !== undefined) k = (k + 1) & mask;
      this.plain[k] = name;
      this.hashes[k] = hashes[j]!;
    }
  }
}
