/**
 * Secret scrubbing. Pure: input is the secrets (the SMTP password and user) and a text; output is the
 * text with every form of the secrets it can recognise replaced by `***`.
 *
 * Why so many forms: a server that rejects a login may echo what it received, and what it received is
 * not the password as typed. AUTH LOGIN sends base64(password); AUTH PLAIN sends base64("\0user\0pass"),
 * where the password starts at byte 2 + length(user), so its base64 depends on that offset mod 3. A
 * server may also embed the exchange in a longer base64 stream (a session dump), at any offset. For each
 * of the three alignments we strip the part of the encoding that comes from the secret's bytes alone
 * (the characters at its edges also carry bits of the neighbouring bytes, so they cannot be known in
 * advance; they leak at most a few bits). Hex and URL-encoded forms are cheap, so they are covered too.
 */

export const SCRUBBED = "***";

/**
 * Forms shorter than this are not stripped: they would match ordinary words and numbers everywhere
 * (a password of 3 characters cannot be told apart from text, and is no secret anyway).
 */
export const MIN_SECRET_FORM_LENGTH = 4;

export interface Credentials {
  user?: string | undefined;
  password?: string | undefined;
}

export type Scrubber = (text: string) => string;

/**
 * The byte strings worth hiding for a user and password: the password, the AUTH PLAIN blob
 * ("\0user\0pass", with and without the authorization identity) and "user:pass" (HTTP Basic, URLs).
 * The user name alone is not a secret (it is often the sender address, shown everywhere).
 */
export function credentialSecrets(credentials: Credentials): Buffer[] {
  const { user, password } = credentials;
  if (!password) return [];
  const secrets = [Buffer.from(password, "utf8")];
  if (user) {
    secrets.push(Buffer.from(`\0${user}\0${password}`, "utf8"));
    secrets.push(Buffer.from(`${user}\0${password}`, "utf8"));
    secrets.push(Buffer.from(`${user}:${password}`, "utf8"));
    secrets.push(Buffer.from(`${user}\0${user}\0${password}`, "utf8"));
  }
  return secrets;
}

/**
 * The base64 characters that depend only on `secret` when it starts `offset` bytes (0, 1 or 2) into a
 * longer stream. Character i covers bits [6i, 6i+6); it is stable when those bits lie inside the secret.
 */
export function alignedBase64(secret: Buffer, offset: 0 | 1 | 2): string {
  const padded = Buffer.concat([Buffer.alloc(offset), secret, Buffer.alloc(2)]);
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + secret.length)) / 6);
  return end > first ? padded.toString("base64").slice(first, end) : "";
}

/** Every recognisable form of one secret, longest first, without the ones too short to strip. */
export function secretForms(secret: Buffer): string[] {
  const plain = secret.toString("utf8");
  const base64 = [
    secret.toString("base64"),
    alignedBase64(secret, 0),
    alignedBase64(secret, 1),
    alignedBase64(secret, 2),
  ];
  const base64url = base64.map((b) => b.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  const hex = secret.toString("hex");
  const uri = encodeURIComponent(plain);
  const forms = [
    plain,
    ...base64,
    ...base64url,
    hex,
    hex.toUpperCase(),
    uri,
    lowerPercentHex(uri),
    uri.replace(/%20/g, "+"),
    // Everything percent-encoded, as some servers and loggers dump bytes.
    hex.replace(/(..)/g, "%$1"),
    hex.toUpperCase().replace(/(..)/g, "%$1"),
  ];
  return unique(forms.filter((f) => f.length >= MIN_SECRET_FORM_LENGTH));
}

/**
 * The texts to hide for a PEM private key, as it was given (`given`: an environment variable's value with
 * its line breaks written as "\\n", or a file's text): that text, the PEM with real line breaks (LF and
 * CRLF), both JSON-escaped (as a JSON output or an error object would show them), the base64 body without
 * line breaks, and each base64 line of 16 characters or more (a line is enough to leak part of the key; a
 * shorter last line could match ordinary text). `secretForms` then adds their encodings.
 */
export function pemSecretTexts(given: string): string[] {
  const pem = given.includes("\\n") && !given.includes("\n") ? given.replace(/\\n/g, "\n") : given;
  const lines = pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("-----"));
  const json = (t: string) => JSON.stringify(t).slice(1, -1);
  const crlf = pem.replace(/\r?\n/g, "\r\n");
  return unique(
    [
      given,
      pem,
      crlf,
      json(given),
      json(pem),
      json(crlf),
      lines.join(""),
      ...lines.filter((l) => l.length >= 16),
    ].filter((t) => t.length >= MIN_SECRET_FORM_LENGTH),
  );
}

/** A scrubber for these secrets; the identity when there are none. */
export function createScrubber(secrets: readonly (string | Buffer)[]): Scrubber {
  const forms = unique(
    secrets
      .map((s) => (typeof s === "string" ? Buffer.from(s, "utf8") : s))
      .filter((s) => s.length > 0)
      .flatMap(secretForms),
  ).sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  // Longest first, each over the whole text: a long form (the whole AUTH PLAIN blob) goes as one piece
  // before a shorter one (the password's own encoding) could cut it and leave the rest behind.
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(SCRUBBED);
    return out;
  };
}

/** A scrubber for one set of SMTP credentials. */
export function createCredentialScrubber(credentials: Credentials): Scrubber {
  return createScrubber(credentialSecrets(credentials));
}

/**
 * Scrub an error in place (message, stack, and the SMTP `response` nodemailer adds), and its causes, so
 * whatever later prints or records it cannot leak. Returns the same error.
 */
export function scrubError<T>(error: T, scrub: Scrubber, depth = 0): T {
  if (!(error instanceof Error) || depth > 5) return error;
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ["message", "stack", "response", "command"]) {
    const value = fields[key];
    if (typeof value === "string") {
      const clean = scrub(value);
      if (clean !== value) {
        try {
          Object.defineProperty(error, key, { value: clean, writable: true, configurable: true });
        } catch {
          // A frozen error keeps its text; the printers scrub what they print anyway.
        }
      }
    }
  }
  if (error.cause !== undefined) scrubError(error.cause, scrub, depth + 1);
  return error;
}

function lowerPercentHex(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
