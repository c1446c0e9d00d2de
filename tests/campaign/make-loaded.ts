/** Small in-memory campaigns for the pure planner and renderer tests: invented people at reserved domains. */
import { campaignSchema, type Campaign } from "../../src/campaign/campaign-schema.js";
import type { LetterSource, LoadedCampaign } from "../../src/campaign/loaded-campaign.js";
import { contactSchema, type Contact, type Language } from "../../src/contacts/contact-schema.js";
import type { MemberState } from "../../src/contacts/member-state-schema.js";
import type { Partner } from "../../src/contacts/partner-schema.js";

export function makeContact(fields: Partial<Contact> & { id: string; country: string }): Contact {
  return contactSchema.parse({
    organisation: "Ministry of Examples",
    name: "Alex Example",
    email: `${fields.id}@ministry.example`,
    ...fields,
  });
}

export function makeCampaign(overrides: Record<string, unknown> = {}): Campaign {
  return campaignSchema.parse({
    id: "test-campaign",
    name: "Test campaign",
    sender: { name: "Coalition", email: "letters@coalition.example" },
    defaultLanguage: "en",
    messageIdDomain: "outreach.coalition.example",
    letters: {
      en: {
        template: "letter",
        reviewed: true,
        salutations: ["Dear {{honorific}} {{name}},", "Dear {{name}},", "Dear Sir or Madam,"],
      },
    },
    ...overrides,
  });
}

export const MEMBER_STATES: MemberState[] = [
  { code: "AR", name: "Argentina", region: "A", language: "es", status: "member" },
  { code: "PK", name: "Pakistan", region: "E", language: "ur", status: "member" },
  { code: "FR", name: "France", region: "B", language: "fr", status: "member" },
  { code: "GB", name: "United Kingdom", region: "B", language: "en", status: "member" },
  { code: "CN", name: "China", region: "E", language: "zh", status: "member" },
];

export const PARTNERS: Partner[] = [
  {
    id: "cele",
    name: "CELE",
    countries: ["AR"],
    email: "partners@cele.ar.example",
    language: "es",
    notes: "",
  },
  {
    id: "hric",
    name: "Human Rights in China",
    countries: ["CN"],
    email: "partners@hric.cn.example",
    language: "zh",
    notes: "",
  },
];

export const SIMPLE_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>
          <p>{{salutation}}</p>
          <p>{{#if title}}{{title}}, {{/if}}{{organisation}}</p>
          <ul>{{#each signatories}}<li>{{organisation}}{{#if country}}, {{country}}{{/if}}</li>{{/each}}</ul>
          <p>Updated {{updated}}</p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

export function letterSource(
  language: Language,
  mjml = SIMPLE_MJML,
  subject = "Letter to {{organisation}}",
  text?: string,
): LetterSource {
  return {
    language,
    template: "letter",
    mjml: { file: `templates/letter/${language}.mjml`, text: mjml },
    subject: { file: `templates/letter/${language}.subject.hbs`, text: subject },
    ...(text !== undefined ? { text: { file: `templates/letter/${language}.txt.hbs`, text } } : {}),
  };
}

export function makeLoaded(options: {
  campaign?: Campaign;
  contacts: Contact[];
  letters?: Partial<Record<Language, LetterSource>>;
  memberStates?: MemberState[];
  partners?: Partner[];
}): LoadedCampaign {
  const campaign = options.campaign ?? makeCampaign();
  const letters = options.letters ?? { en: letterSource("en") };
  return {
    campaign,
    paths: {
      root: "/ws",
      campaignDir: "/ws/campaigns/test-campaign",
      campaignFile: "/ws/campaigns/test-campaign/campaign.json",
      signatories: "/ws/campaigns/test-campaign/signatories.csv",
      outbox: "/ws/campaigns/test-campaign/outbox",
      ledger: "/ws/campaigns/test-campaign/ledger.jsonl",
      templatesDir: "/ws/templates",
    },
    contacts: options.contacts,
    memberStates: options.memberStates ?? MEMBER_STATES,
    partners: options.partners ?? PARTNERS,
    signatories: [
      { organisation: "Example Rights Group", country: "AR", signed: "2012-11-05" },
      { organisation: "Open Example Network", country: "", signed: "2012-11-14" },
    ],
    letters,
    letterLanguages: Object.keys(letters),
    attachments: {},
    problems: [],
  };
}
