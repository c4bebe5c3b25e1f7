/**
 * A response body read once into one buffer. When the bytes are all ASCII (the usual case for the
 * usage API) they are also the text's UTF-16 code units: the series scanner reads them as they
 * are, and the body's text, a second body-sized block, is only made if something asks for it.
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/** Zero bytes kept after the body, so a reader looking just past the end finds no JSON character. */
export const BODY_PADDING = 8;

const BYTE_ORDER_MARK = 0xfeff;
/** How much of the body firstNonSpace decodes at a time. */
const PEEK_BYTES = 1024;

export class ResponseBody {
  private decoded: string | undefined;
  /** The body's bytes followed by BODY_PADDING zero bytes; only when every byte is ASCII. */
  readonly asciiBytes: Uint8Array | undefined;

  /** `padded` holds the body's `length` bytes, then at least BODY_PADDING zero bytes. */
  constructor(
    private readonly padded: Uint8Array,
    readonly length: number,
  ) {
    this.asciiBytes = isAscii(this.bytes()) ? padded : undefined;
  }

  /**
   * The text, decoded on first use as response.text() decodes it (invalid sequences become U+FFFD,
   * a leading BOM is dropped), but not through TextDecoder, whose text kept a second body-sized
   * block alive in Node 20.
   */
  get text(): string {
    if (this.decoded === undefined) {
      const decoded = this.bytes().toString('utf8');
      this.decoded = decoded.charCodeAt(0) === BYTE_ORDER_MARK ? decoded.slice(1) : decoded;
    }
    return this.decoded;
  }

  /**
   * The text's first character that is not white space (as `\s` reads it, a BOM included), or
   * undefined: decoded a little at a time, never the whole body, as `text` would decode it.
   */
  firstNonSpace(): string | undefined {
    if (this.decoded !== undefined) return /\S/u.exec(this.decoded)?.[0];
    const bytes = this.bytes();
    const decoder = new StringDecoder('utf8');
    for (let at = 0; at < bytes.length; at += PEEK_BYTES) {
      const found = /\S/u.exec(decoder.write(bytes.subarray(at, at + PEEK_BYTES)));
      if (found) return found[0];
    }
    return /\S/u.exec(decoder.end())?.[0];
  }

  private bytes(): Buffer {
    return Buffer.from(this.padded.buffer, this.padded.byteOffset, this.length);
  }
}

/** The body grew past the cap while it was read; nothing past the cap is kept. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a response's body stream (none: an empty body), refusing it as soon as it passes `maxBytes`. */
export async function readBody(chunks: AsyncIterable<Uint8Array | string> | null, maxBytes: number): Promise<ResponseBody> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const piece of chunks ?? []) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    length += chunk.length;
    if (length > maxBytes) {
      throw new BodyTooLargeError(maxBytes);
    }
    parts.push(chunk);
  }
  // concat zero-fills what it is given beyond the parts: that is the padding.
  return new ResponseBody(Buffer.concat(parts, length + BODY_PADDING), length);
}
