/**
 * Where sign-on requests come from: a form's export (headings in English, Spanish or French, bad rows
 * as file:line) and mail to the sign-on address, read with the real mail parser.
 */
import { describe, expect, it } from "vitest";
import { readSignOnExport } from "../../src/campaign/signatory-import.js";
import { parseInbound } from "../../src/inbox/parse-inbound.js";
import { readSignOnRequest } from "../../src/inbox/sign-on-request.js";

const SIGN_ON = "signon@coalition.example";

function mail(headers: Record<string, string>, body: string): Buffer {
  const head = Object.entries({
    "Message-ID": "<req-1@partner.example>",
    Date: "Wed, 14 Nov 2012 10:00:00 +0000",
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n");
  return Buffer.from(
    `${head}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, "\r\n")}`,
  );
}

async function read(headers: Record<string, string>, body: string) {
  return readSignOnRequest(await parseInbound(mail(headers, body), "inbox.mbox#1"), SIGN_ON, "2026-12-07");
}

describe("a sign-on form's export", () => {
  it("maps Spanish and French headings, splits 'Name, Country', and reports bad rows as file:line", () => {
    const csv = [
      "Marca temporal;Nombre de la organización;País;Correo electrónico;Tipo",
      "2012-11-14 10:00:00;Red Ejemplo;Argentina;red@ejemplo.example;Organización",
      "2012-11-14 11:00:00;Kictanet, Kenya;;k@kictanet.example;",
      "2012-11-15;;Chile;x@ejemplo.example;",
      "15/11/2012;Ana Ejemplo;Narnia;ana@ejemplo.example;individuo",
      "15/11/2012;Grupo Fecha;Chile;g@ejemplo.example;",
    ].join("\n");
    const result = readSignOnExport(csv, "form.csv", ";", "2026-12-07");
    expect(
      result.proposals.map((p) => [p.organisation, p.country, p.type ?? "", p.signed, p.source]),
    ).toEqual([
      ["Red Ejemplo", "AR", "organisation", "2012-11-14", "import:form.csv:2"],
      ["Kictanet, Kenya", "", "", "2012-11-14", "import:form.csv:3"],
      ["Grupo Fecha", "CL", "", "2026-12-07", "import:form.csv:6"],
    ]);
    expect(result.problems.map((p) => `${p.file}:${p.line} ${p.field} ${p.severity ?? "error"}`)).toEqual([
      "form.csv:4 organisation error",
      "form.csv:5 country error",
      "form.csv:5 signed warning",
      "form.csv:6 signed warning",
    ]);
  });

  it("says so when no column names the signatory", () => {
    const result = readSignOnExport("Email,Country\na@b.example,AR\n", "form.csv", ",", "2026-12-07");
    expect(result.problems[0]?.code).toBe("E_CSV_HEADER");
  });
});

describe("mail to the sign-on address", () => {
  it("proposes the name as they would like it to appear, the country and the sender as contact", async () => {
    const reading = await read(
      { From: "Ana Example <ana@isoc-belgrade.example>", To: SIGN_ON, Subject: "Sign on" },
      "Hello,\n\nWe would like to join the letter.\n\nName as you would like it to appear:\nISOC – Belgrade\nCountry: Serbia\n\n-- \nAna\nOrganisation: Not This One\n",
    );
    expect(reading).toEqual({
      kind: "request",
      proposal: {
        organisation: "ISOC – Belgrade",
        country: "RS",
        contact: "Ana Example <ana@isoc-belgrade.example>",
        signed: "2012-11-14",
        source: "mail:<req-1@partner.example>",
        origin: "inbox.mbox#1",
      },
    });
  });

  it("reads French and Spanish labels, the subject, and a sentence", async () => {
    const fr = await read(
      { From: "q@exemple.example", To: `"Coalition" <${SIGN_ON}>`, Subject: "Signature" },
      "Nom de l'organisation : Réseau Exemple\nPays : Canada\nType : à titre individuel\n",
    );
    expect(
      fr.kind === "request" && [fr.proposal.organisation, fr.proposal.country, fr.proposal.type],
    ).toEqual(["Réseau Exemple", "CA", "individual"]);
    const subject = await read(
      { From: "x@y.example", To: SIGN_ON, Subject: "Firma: Red Ejemplo" },
      "¡Gracias!\n",
    );
    expect(subject.kind === "request" && subject.proposal.organisation).toBe("Red Ejemplo");
    const sentence = await read(
      { From: "x@y.example", Cc: SIGN_ON, To: "someone@else.example", Subject: "WCIT" },
      "Please add Kictanet, Kenya to the letter.\n\n> Organisation: quoted, not ours\n",
    );
    expect(sentence.kind === "request" && sentence.proposal.organisation).toBe("Kictanet, Kenya");
  });

  it("leaves out mail to other addresses and automatic replies, and hands a nameless request to a person", async () => {
    expect(
      (await read({ From: "x@y.example", To: "other@coalition.example" }, "Organisation: X\n")).kind,
    ).toBe("ignored");
    expect(
      (
        await read(
          { From: "x@y.example", To: SIGN_ON, "Auto-Submitted": "auto-replied", Subject: "Out of office" },
          "Away\n",
        )
      ).kind,
    ).toBe("ignored");
    expect(
      (await read({ From: "x@y.example", To: SIGN_ON, Subject: "Question" }, "How do I sign?\n")).kind,
    ).toBe("unreadable");
  });
});
