/**
 * `outreach campaign new`: the files of a new campaign, as text. Input: the id, the letter languages, the
 * sender, and optionally an existing campaign to start from. Output: campaign.json, an empty signatories
 * list and a starter letter (MJML, subject, text part) per language that is not already there. Pure: the
 * command checks that nothing exists and writes the files.
 *
 * campaign.json leaves out what has a sensible default (the Message-ID domain is the sender's).
 * Everything written is valid: `plan` passes on the scaffold with any directory. The starter letter uses
 * the merge fields the bundled example uses, so the organiser sees how the address block, salutation and
 * signatory list work, and its text says plainly where the letter goes.
 */
import type { Language } from "../contacts/contact-schema.js";
import { formatCsvRows } from "../core/csv-write.js";
import type { Campaign, Letter } from "./campaign-schema.js";

export interface ScaffoldInput {
  id: string;
  name?: string;
  languages: readonly Language[];
  sender: { name: string; email: string };
  /** A campaign to start from (`--from`): its settings, countries and letters are kept. */
  from?: Campaign;
  /** Today (YYYY-MM-DD): the sender's organisation signs first, so the letter is never signed by nobody. */
  today: string;
  /** Template folders (under templates/) that already hold a letter in a language: `folder/lang`. */
  existingLetters?: ReadonlySet<string>;
}

export interface ScaffoldFile {
  /** Workspace-relative, forward slashes. */
  path: string;
  content: string;
}

/** How letters in each language open: with the contact's honorific and name, with the name, to nobody. */
const SALUTATIONS: Record<Language, readonly string[]> = {
  en: ["Dear {{honorific}} {{name}},", "Dear {{name}},", "Dear Sir or Madam,"],
  es: ["Estimado/a {{honorific}} {{name}}:", "Estimado/a {{name}}:", "De nuestra mayor consideración:"],
  fr: ["{{honorific}} {{name}},", "Madame, Monsieur,"],
  zh: ["尊敬的{{name}}{{honorific}}：", "尊敬的{{name}}：", "尊敬的先生/女士："],
  th: ["เรียน {{honorific}}{{name}}", "เรียน {{name}}", "เรียน ท่านผู้เกี่ยวข้อง"],
  ur: ["محترم {{honorific}} {{name}}،", "محترم {{name}}،", "محترم جناب/محترمہ،"],
  bn: ["মাননীয় {{honorific}} {{name}},", "মাননীয় {{name}},", "মাননীয় মহোদয়/মহোদয়া,"],
  ar: [
    "{{honorific}} {{name}} المحترم/المحترمة،",
    "السيد/السيدة {{name}} المحترم/المحترمة،",
    "تحية طيبة وبعد،",
  ],
  ru: ["Уважаемый(-ая) {{honorific}} {{name}}!", "Уважаемый(-ая) {{name}}!", "Уважаемые дамы и господа!"],
};

export function scaffoldCampaign(input: ScaffoldInput): {
  campaign: Record<string, unknown>;
  files: ScaffoldFile[];
} {
  const [defaultLanguage] = input.languages;
  if (!defaultLanguage) throw new Error("scaffoldCampaign needs at least one language");
  const letters: Partial<Record<Language, Letter | Record<string, unknown>>> = {};
  const files: ScaffoldFile[] = [];
  for (const language of input.languages) {
    const kept = input.from?.letters[language];
    if (kept) {
      letters[language] = kept;
      continue;
    }
    letters[language] = {
      template: input.id,
      // The organiser writes the first letter; every other language is a translation someone must check.
      reviewed: language === defaultLanguage,
      salutations: [...SALUTATIONS[language]],
    };
    if (!input.existingLetters?.has(`${input.id}/${language}`))
      files.push(...starterLetter(input.id, language, languageName(language)));
  }
  const base = input.from ? withoutIdentity(input.from) : {};
  const defaultOfSource = input.from?.defaultLanguage;
  const campaign = {
    $schema: "../../schemas/campaign.schema.json",
    id: input.id,
    name: input.name ?? (input.from ? `${input.from.name} (${input.id})` : input.id),
    sender: input.from?.sender ?? input.sender,
    ...base,
    defaultLanguage:
      defaultOfSource && input.languages.includes(defaultOfSource) ? defaultOfSource : defaultLanguage,
    letters,
  };
  files.unshift(
    { path: `campaigns/${input.id}/campaign.json`, content: `${JSON.stringify(campaign, null, 2)}\n` },
    {
      path: `campaigns/${input.id}/signatories.csv`,
      content: formatCsvRows([
        ["organisation", "country", "signed"],
        [campaign.sender.name, "", input.today],
      ]),
    },
  );
  return { campaign, files };
}

/** The source campaign's settings without what names it: id, name, $schema, Message-ID domain, letters. */
function withoutIdentity(from: Campaign): Record<string, unknown> {
  const { $schema: _s, id: _i, name: _n, messageIdDomain: _m, letters: _l, sender: _f, ...rest } = from;
  return rest;
}

function languageName(language: Language): string {
  return new Intl.DisplayNames(["en"], { type: "language" }).of(language) ?? language;
}

function starterLetter(id: string, language: Language, name: string): ScaffoldFile[] {
  const dir = `templates/${id}`;
  const write = `Write the ${name} letter here`;
  return [
    { path: `${dir}/${language}.subject.hbs`, content: `[${name} subject of the letter]\n` },
    { path: `${dir}/${language}.mjml`, content: starterMjml(write) },
    { path: `${dir}/${language}.txt.hbs`, content: starterText(write) },
  ];
}

const ADDRESS_HBS =
  "{{#if honorific}}{{honorific}} {{/if}}{{#if name}}{{name}}<br />{{/if}}{{#if title}}{{title}}<br />{{/if}}" +
  "{{#if department}}{{department}}<br />{{/if}}{{organisation}}<br />{{countryName}}";

function starterMjml(write: string): string {
  return `<mjml>
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-attributes>
      <mj-all font-family="Georgia, 'Times New Roman', serif" />
      <mj-text font-size="15px" line-height="1.55" color="#1b1b1b" padding="0 32px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#eef0f2" width="640px">
    <mj-section background-color="#ffffff" padding="28px 0 24px">
      <mj-column>
        <mj-text>
          <p>${ADDRESS_HBS}</p>
          <p>{{salutation}}</p>
          <p>[${write}, one paragraph per p element. The address above and the salutation are filled in per recipient.]</p>
          <p>{{sender.name}}</p>
        </mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 0 24px">
      <mj-column>
        <mj-text font-size="14px">
          {{#each signatoryGroups}}
          {{#if updated}}<p><strong>{{updated}}</strong></p>{{/if}}
          <ul>
            {{#each signatories}}<li>{{organisation}}{{#if country}}, {{country}}{{/if}}</li>
            {{/each}}
          </ul>
          {{/each}}
          {{#unless signatoryBatches}}
          <p><em>{{updated}}</em></p>
          {{/unless}}
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;
}

function starterText(write: string): string {
  return `{{#if honorific}}{{honorific}} {{/if}}{{#if name}}{{name}}
{{/if}}{{#if title}}{{title}}
{{/if}}{{#if department}}{{department}}
{{/if}}{{organisation}}
{{countryName}}

{{salutation}}

[${write}.]

{{sender.name}}

{{#each signatoryGroups}}{{#if updated}}
{{updated}}

{{/if}}{{#each signatories}}- {{organisation}}{{#if country}}, {{country}}{{/if}}
{{/each}}{{/each}}{{#unless signatoryBatches}}{{updated}}
{{/unless}}`;
}
