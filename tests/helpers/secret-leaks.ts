/**
 * Finding a leaked secret in any text, independently of the scrubber's own list of forms: the text is
 * decoded every way a secret could have been encoded (base64 and base64url at every shift, hex at both
 * nibble offsets, percent-encoding), and each decoding is searched for a run of the secret's bytes.
 */

/** Leaks of `secret` in `text`, each described; empty when there is none. */
export function findSecretLeaks(text: string, secret: string, runBytes = 5): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const windows = new Set<string>();
  for (let i = 0; i + runBytes <= bytes.length; i++)
    windows.add(bytes.subarray(i, i + runBytes).toString("hex"));
  const found: string[] = [];
  const search = (decodedHex: string, how: string, source: string) => {
    for (const w of windows) if (decodedHex.includes(w)) found.push(`${how} in "${source.slice(0, 80)}"`);
  };

  search(Buffer.from(text, "utf8").toString("hex"), "plain", text);
  for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
    const std = run.replace(/-/g, "+").replace(/_/g, "/");
    for (let shift = 0; shift < 4; shift++) {
      const chunk = std.slice(shift);
      const whole = chunk.slice(0, chunk.length - (chunk.length % 4));
      search(Buffer.from(whole, "base64").toString("hex"), `base64 (shift ${shift})`, run);
    }
  }
  for (const run of text.match(/[0-9A-Fa-f]{8,}/g) ?? []) {
    for (const shift of [0, 1]) search(run.slice(shift).toLowerCase(), `hex (shift ${shift})`, run);
  }
  for (const run of text.match(/[A-Za-z0-9%._~+\-/=!*'()]*%[0-9A-Fa-f]{2}[A-Za-z0-9%._~+\-/=!*'()]*/g) ??
    []) {
    search(Buffer.from(percentDecode(run), "latin1").toString("hex"), "percent-encoded", run);
  }
  return [...new Set(found)];
}

function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** What a careless server might say when it refuses a login: everything it received, in every form. */
export function echoCredentials(login: { username: string; password: string }): string {
  const { username, password } = login;
  const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
  const plainBlob = `\0${username}\0${password}`;
  return [
    `5.7.8 Authentication credentials invalid for ${username}:${password}`,
    `LOGIN ${b64(username)} ${b64(password)}`,
    `PLAIN ${b64(plainBlob)}`,
    // The same exchange inside a longer base64 session dump, at the two other alignments.
    `dump ${b64(`C: AUTH PLAIN\r\n${plainBlob}`)} ${b64(`x${plainBlob}`)} ${b64(`xy${password}`)}`,
    `hex ${Buffer.from(password).toString("hex")}`,
    `url ${encodeURIComponent(username)}:${encodeURIComponent(password)}`,
  ].join(" ");
}
