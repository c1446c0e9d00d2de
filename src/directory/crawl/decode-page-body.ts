/**
 * A page's bytes as text. Input: the body and its Content-Type. Output: the text, decoded with the
 * charset from Content-Type, else from a `<meta>` near the top, else as UTF-8. Pure.
 */

/** Bodies are bytes; the charset comes from Content-Type, else a `<meta>` near the top, else UTF-8. */
export function decodeBody(body: Uint8Array, contentType: string | undefined): string {
  const charset =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(
      Buffer.from(body.subarray(0, 2048)).toString("latin1"),
    )?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}
