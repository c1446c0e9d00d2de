import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/campaign/build-plan.js";
import type { OutreachError } from "../../src/core/errors.js";
import { checkRendering } from "../../src/render/check-rendering.js";
import { createRenderer } from "../../src/render/create-renderer.js";
import { prepareMjml } from "../../src/render/compile-letter.js";
import { messageIdFor } from "../../src/campaign/message-id.js";
import { letterSource, makeCampaign, makeContact, makeLoaded, SIMPLE_MJML } from "../campaign/make-loaded.js";

const HOSTILE = {
  name: "<img src=x onerror=alert(1)> {{constructor}}\r\nBcc: victim@target.example",
  organisation: "Ministry of <b>Bold</b> & {{#each x}}loops{{/each}}",
  title: "Head\r\nX-Injected: yes",
};

function firstError(fn: () => unknown): OutreachError {
  try {
    fn();
  } catch (e) {
    return e as OutreachError;
  }
  throw new Error("expected an error");
}

describe("renderer", () => {
  it("fills merge fields, picks the first salutation whose fields are known, and builds the mail", async () => {
    const campaign = makeCampaign({
      replyTo: { name: "Replies", email: "replies@coalition.example" },
      countries: { AR: { partner: "cele", ccPartner: true } },
    });
    const loaded = makeLoaded({
      campaign,
      contacts: [
        makeContact({ id: "full", country: "AR", honorific: "Dr.", name: "Ana Example", title: "Director" }),
        makeContact({ id: "mailbox", country: "GB", name: "", email: "itu@ministry.gb.example" }),
      ],
    });
    const plan = buildPlan(loaded);
    const renderer = await createRenderer(loaded);
    expect(renderer.problems).toEqual([]);
    const full = renderer.render(plan.entries.find((e) => e.contact.id === "full")!);
    expect(full.mail.html).toContain("Dear Dr. Ana Example,");
    expect(full.mail.text).toContain("Dear Dr. Ana Example,");
    expect(full.mail.html).toContain("Director, Ministry of Examples");
    expect(full.mail.subject).toBe("Letter to Ministry of Examples");
    expect(full.mail.to).toEqual({ name: "Ana Example", address: "full@ministry.example" });
    expect(full.mail.cc).toEqual([{ name: "CELE", address: "partners@cele.ar.example" }]);
    expect(full.mail.replyTo).toEqual({ name: "Replies", address: "replies@coalition.example" });
    expect(full.mail.messageId).toBe(messageIdFor("test-campaign", "full", "outreach.coalition.example"));
    expect(full.mail.headers).toMatchObject({
      "X-Outreach-Campaign": "test-campaign",
      "X-Outreach-Contact": "full",
    });
    expect(full.revision).toBe(renderer.revisionFor("en"));
    // Signatories with the latest date as the Updated line, country names localised (en-GB for en).
    expect(full.mail.html).toContain("Example Rights Group, Argentina");
    expect(full.mail.html).toContain("Updated 14 November 2012");

    const mailbox = renderer.render(plan.entries.find((e) => e.contact.id === "mailbox")!);
    expect(mailbox.mail.html).toContain("Dear Sir or Madam,");
    expect(mailbox.mail.html).not.toMatch(/Dear\s*,/);
    expect(mailbox.mail.cc).toBeUndefined();
  });

  it("Message-IDs are deterministic per campaign and contact", () => {
    const a = messageIdFor("wcit-2012", "ar-1", "outreach.coalition.example");
    expect(a).toBe(messageIdFor("wcit-2012", "ar-1", "outreach.coalition.example"));
    expect(a).not.toBe(messageIdFor("wcit-2012", "ar-2", "outreach.coalition.example"));
    expect(a).not.toBe(messageIdFor("other", "ar-1", "outreach.coalition.example"));
    expect(a).toMatch(/^<wcit-2012\.c-[0-9a-f]{16}@outreach\.coalition\.example>$/);
  });

  it("a missing merge field is E_TEMPLATE_FIELD naming the template file, the field and the contact", async () => {
    const mjml = SIMPLE_MJML.replace(
      "<p>{{salutation}}</p>",
      "<p>{{salutation}}</p>\n          <p>{{title}}</p>",
    );
    const loaded = makeLoaded({
      letters: { en: letterSource("en", mjml) },
      contacts: [
        makeContact({ id: "has-title", country: "GB", title: "Minister" }),
        makeContact({ id: "no-title", country: "GB" }),
      ],
    });
    const plan = buildPlan(loaded);
    const renderer = await createRenderer(loaded);
    const error = firstError(() => renderer.render(plan.entries.find((e) => e.contact.id === "no-title")!));
    expect(error.code).toBe("E_TEMPLATE_FIELD");
    expect(error.problems[0]).toMatchObject({ file: "templates/letter/en.mjml", field: "title", line: 7 });
    expect(error.problems[0]?.message).toContain("no-title");
    // plan's trial render finds it too, and only for the contact lacking the field.
    const problems = checkRendering(plan.entries, renderer);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: "title", severity: "error" });
    expect(problems[0]?.message).toContain("no-title");
  });

  it("a subject field missing is reported against the subject file", async () => {
    const loaded = makeLoaded({
      letters: { en: letterSource("en", SIMPLE_MJML, "For {{department}}") },
      contacts: [makeContact({ id: "c1", country: "GB" }), makeContact({ id: "c2", country: "GB" })],
    });
    const plan = buildPlan(loaded);
    const problems = checkRendering(plan.entries, await createRenderer(loaded));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "templates/letter/en.subject.hbs", field: "department" });
    expect(problems[0]?.message).toContain("2 contacts: c1, c2");
  });

  it("HTML, Handlebars syntax and CR/LF in a contact's name, ministry and title stay inert text", async () => {
    const loaded = makeLoaded({
      letters: { en: letterSource("en", SIMPLE_MJML, "To {{name}} at {{organisation}}") },
      contacts: [makeContact({ id: "hostile", country: "GB", ...HOSTILE })],
    });
    const plan = buildPlan(loaded);
    const message = (await createRenderer(loaded)).render(plan.entries[0]!);
    const { html, text, subject, to } = message.mail;
    expect(html).not.toContain("<img src=x");
    // Handlebars escapes = too, so not even an attribute could be formed.
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; {{constructor}}");
    expect(html).toContain("Ministry of &lt;b&gt;Bold&lt;/b&gt; &amp; {{#each x}}loops{{/each}}");
    // The text part is not HTML: no escaping, but no line breaks from data either.
    expect(text).toContain("Dear <img src=x onerror=alert(1)> {{constructor}} Bcc: victim@target.example,");
    expect(text).toContain("Head X-Injected: yes, Ministry of <b>Bold</b> & {{#each x}}loops{{/each}}");
    expect(text).not.toMatch(/^Bcc:/m);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain("{{constructor}}");
    expect(to.name).not.toMatch(/[\r\n]/);
  });

  it("right-to-left letters carry lang and dir on the html element and on every text block", async () => {
    const campaign = makeCampaign({
      letters: {
        en: { template: "letter", reviewed: true, salutations: ["Dear {{name}},"] },
        ur: { template: "letter", salutations: ["محترم {{name}}،"] },
      },
    });
    const loaded = makeLoaded({
      campaign,
      letters: { en: letterSource("en"), ur: letterSource("ur") },
      contacts: [
        makeContact({ id: "pk", country: "PK", name: "عائشہ مثال" }),
        makeContact({ id: "gb", country: "GB" }),
      ],
    });
    const plan = buildPlan(loaded);
    const renderer = await createRenderer(loaded);
    const ur = renderer.render(plan.entries.find((e) => e.contact.id === "pk")!);
    expect(ur.language).toBe("ur");
    expect(ur.mail.html).toMatch(/<html[^>]*lang="ur"[^>]*dir="rtl"/);
    expect(ur.mail.html).toContain('<div dir="rtl" lang="ur">');
    expect(ur.mail.html).toContain("محترم عائشہ مثال،");
    expect(ur.mail.headers["Content-Language"]).toBe("ur");
    const en = renderer.render(plan.entries.find((e) => e.contact.id === "gb")!);
    expect(en.mail.html).toMatch(/<html[^>]*lang="en"[^>]*dir="ltr"/);
    expect(en.mail.html).not.toContain('dir="rtl"');
  });

  it("keeps Handlebars expressions through MJML and only wraps mj-text content", () => {
    const out = prepareMjml(
      '<mjml><mj-body><mj-text align="left">{{a}}</mj-text><mj-text>{{b}}</mj-text></mj-body></mjml>',
      "ur",
    );
    expect(out).toContain('<mjml lang="ur" dir="rtl">');
    expect(out).toContain('<mj-text align="left"><div dir="rtl" lang="ur">{{a}}</div></mj-text>');
    expect(out).toContain('<mj-text align="right"><div dir="rtl" lang="ur">{{b}}</div></mj-text>');
  });

  it("uses <lang>.txt.hbs for the text part when present, otherwise derives it from the HTML", async () => {
    const contacts = [makeContact({ id: "gb", country: "GB", name: "Sam Example" })];
    const withText = makeLoaded({
      contacts,
      letters: { en: letterSource("en", SIMPLE_MJML, "S", "Plain letter for {{name}}\n") },
    });
    const rendered = (await createRenderer(withText)).render(buildPlan(withText).entries[0]!);
    expect(rendered.mail.text).toBe("Plain letter for Sam Example\n");
    const derived = makeLoaded({ contacts });
    const text = (await createRenderer(derived)).render(buildPlan(derived).entries[0]!).mail.text;
    expect(text).toContain("Dear Sam Example,");
    expect(text).toContain("- Example Rights Group, Argentina\n- Open Example Network");
    expect(text).not.toContain("<");
  });

  it("reports template syntax errors at compile time, with code, file and line", async () => {
    // A template that does not parse gets its syntax error (the guard needs the parsed tree for the rest;
    // tests/render/template-guard.test.ts covers unescaped output and the other refusals).
    const broken = SIMPLE_MJML.replace("<p>{{salutation}}</p>", "<p>{{#if name}}unclosed</p>");
    const loaded = makeLoaded({
      letters: { en: letterSource("en", broken) },
      contacts: [makeContact({ id: "gb", country: "GB" })],
    });
    const renderer = await createRenderer(loaded);
    expect(renderer.languages).toEqual([]);
    expect(renderer.problems.length).toBeGreaterThanOrEqual(1);
    expect(renderer.problems.every((p) => p.file === "templates/letter/en.mjml")).toBe(true);
    expect(renderer.problems.some((p) => p.code === "E_TEMPLATE_SYNTAX" && p.line !== undefined)).toBe(true);
  });

  it("the revision changes when the signatories change", async () => {
    const contacts = [makeContact({ id: "gb", country: "GB" })];
    const a = makeLoaded({ contacts });
    const b = makeLoaded({ contacts });
    b.signatories = [...b.signatories, { organisation: "Late Signer", country: "", signed: "2012-11-20" }];
    const [ra, rb] = [await createRenderer(a), await createRenderer(b)];
    expect(ra.revisionFor("en")).not.toBe(rb.revisionFor("en"));
    expect(rb.render(buildPlan(b).entries[0]!).mail.html).toContain("Updated 20 November 2012");
  });
});
