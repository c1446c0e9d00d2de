import { describe, expect, it } from "vitest";
import { writeStatusTable } from "../../src/cli/commands/status.js";
import { formatTable } from "../../src/cli/output.js";
import type { StatusRow } from "../../src/report/status-rows.js";

const row = (contact: string, over: Partial<StatusRow> = {}): StatusRow => ({
  contact,
  country: "FR",
  organisation: "Ministère des Affaires étrangères",
  name: "Ana Example",
  email: `${contact}@ministry.example`,
  language: "fr",
  partner: "",
  delivery: "email",
  state: "sent",
  detail: "",
  bounceReason: "",
  complaint: "",
  lastEventAt: "2026-11-01T10:00:00.000Z",
  accepted: true,
  planned: true,
  signatoryList: "",
  ...over,
});

describe("writeStatusTable", () => {
  it("prints exactly what formatTable prints, in pieces", () => {
    const rows = Array.from({ length: 4500 }, (_, i) => row(`xx-${i}`));
    rows.push(
      row("cn-1", { country: "CN", organisation: "外交部", detail: "from 王@mfa.example" }),
      row("th-1", {
        country: "TH",
        organisation: "กระทรวงการต่างประเทศ",
        state: "failed",
        detail: "550\tbad\r\nuser",
      }),
      row("zz-1", { detail: "trailing space ", partner: "p1", delivery: "partner" }),
    );
    const columns = [
      "contact",
      "country",
      "organisation",
      "language",
      "partner",
      "delivery",
      "state",
      "last_event",
      "detail",
    ];
    const expected = formatTable(
      columns,
      rows.map((r) => [
        r.contact,
        r.country,
        r.organisation,
        r.language,
        r.partner,
        r.delivery,
        r.state,
        r.lastEventAt,
        r.detail,
      ]),
    );
    const pieces: string[] = [];
    writeStatusTable(rows, (t) => pieces.push(t));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(expected);
  });

  it("prints the header alone for no rows", () => {
    let out = "";
    writeStatusTable([], (t) => (out += t));
    expect(out.split("\n")[0]).toMatch(/^contact {2}country/);
    expect(out.split("\n")).toHaveLength(3);
  });
});
