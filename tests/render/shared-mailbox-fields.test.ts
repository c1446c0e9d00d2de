/** The merge fields and salutation of a shared mailbox (pure renderer, in-memory campaign). */
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/campaign/build-plan.js";
import { createRenderer } from "../../src/render/create-renderer.js";
import { letterSource, makeCampaign, makeContact, makeLoaded } from "../campaign/make-loaded.js";

const PEOPLE_MJML = `<mjml><mj-body><mj-section><mj-column><mj-text>
<p>{{salutation}}</p>
<p>{{#each people}}{{#if honorific}}{{honorific}} {{/if}}{{name}}{{#if title}} ({{title}}){{/if}}. {{/each}}</p>
<p>{{#if title}}{{title}}, {{/if}}{{organisation}}</p>
</mj-text></mj-column></mj-section></mj-body></mjml>`;

const shared = makeContact({
  id: "shared",
  country: "FR",
  organisation: "Ministère (exemple)",
  honorific: "Mme; M.",
  name: "Sophie Exemple; Thomas Modèle",
  title: "Cheffe de bureau;",
});

async function render(sharedMailboxSalutation: "generic" | "names") {
  const campaign = makeCampaign({
    sharedMailboxSalutation,
    defaultLanguage: "fr",
    letters: {
      fr: {
        template: "letter",
        reviewed: true,
        salutations: ["{{honorific}} {{name}},", "Chère {{name}},", "Madame, Monsieur,"],
      },
    },
  });
  const loaded = makeLoaded({
    campaign,
    contacts: [shared],
    letters: { fr: letterSource("fr", PEOPLE_MJML) },
  });
  const renderer = await createRenderer(loaded);
  expect(renderer.problems).toEqual([]);
  const entry = buildPlan(loaded).entries[0];
  if (!entry) throw new Error("no entry");
  return renderer.render(entry);
}

describe("a shared mailbox's letter", () => {
  it("opens with the generic salutation by default, lists its people, and is addressed to the ministry", async () => {
    const message = await render("generic");
    expect(message.salutation).toBe("Madame, Monsieur,");
    expect(message.mail.text).toContain("Madame, Monsieur,");
    expect(message.mail.text).toContain("Mme Sophie Exemple (Cheffe de bureau). M. Thomas Modèle.");
    // One person's title is not the mailbox's: {{#if title}} is false.
    expect(message.mail.text).not.toContain("Cheffe de bureau, Ministère");
    expect(message.mail.to).toEqual({ name: "Ministère (exemple)", address: "shared@ministry.example" });
  });

  it('with "names", {{name}} lists everyone in the letter\'s language and honorific patterns are skipped', async () => {
    const message = await render("names");
    expect(message.salutation).toBe("Chère Sophie Exemple et Thomas Modèle,");
  });
});
