/** The invented partner whose pack README the README tests write. */
import type { PartnerReadmeInput } from "../../src/report/partner-readme.js";

export const PARTNER_README_INPUT: PartnerReadmeInput = {
  partnerName: "Example Partner Group",
  campaignName: "Example letter",
  campaignId: "example",
  partnerId: "epg",
  countries: ["AR"],
  contacts: 2,
  byHand: 1,
  letters: 2,
  language: "es",
  unreviewed: [],
};
