/**
 * A response body read once into one buffer. When the bytes are all ASCII (the usual case for the
 * usage API) they are also the text's UTF-16 code units, so the series scanner reads them as they
 * are instead of copying the text into bytes again: one body-sized copy fewer on large answers.
 */
import { isAscii } from 'node:buffer';

/** Zero bytes kept after the body, so a reader looking just past the end finds no JSON character. */
export const BODY_PADDING = 8;

const BYTE_ORDER_MARK = 0xfeff;

export interface ResponseBody {
  readonly text: string;
  /** The body's bytes followed by BODY_PADDING zero bytes; only when every byte is ASCII. */
  readonly asciiBytes?: Uint8Array | undefined;
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
  return bodyOf(Buffer.concat(parts, length + BODY_PADDING), length);
}

/** `padded` holds the body's `length` bytes, then at least BODY_PADDING zero bytes. */
export function bodyOf(padded: Uint8Array, length: number): ResponseBody {
  const bytes = Buffer.from(padded.buffer, padded.byteOffset, length);
  // As response.text() reads it (invalid sequences become U+FFFD, a leading BOM is dropped), but
  // not through TextDecoder, whose text kept a second body-sized block alive in Node 20.
  const decoded = bytes.toString('utf8');
  const text = decoded.charCodeAt(0) === BYTE_ORDER_MARK ? decoded.slice(1) : decoded;
  return isAscii(bytes) ? { text, asciiBytes: padded } : { text };
}
