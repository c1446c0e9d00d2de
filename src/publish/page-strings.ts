/**
 * The few words the published page and the printed letter add around the letter, in the languages of
 * the bundled example; any other language gets the English words, marked `lang="en"` so a reader (and
 * a screen reader) knows. Each language's own name is written in its own script (Intl's endonym). Pure.
 */

export interface PageStrings {
  /** The language these words are in (the page's, or "en" when it has none of its own). */
  lang: string;
  otherLanguages: string;
  downloadPdf: string;
  howToSign: string;
  /** The sign-on instructions; `{email}` is replaced by the link to the sign-on address. */
  signOn: string;
  signatories: string;
  /** Between place and date on the printed letter. */
  placeDateSeparator: string;
}

const STRINGS: Record<string, Omit<PageStrings, "lang">> = {
  en: {
    otherLanguages: "This letter in other languages",
    downloadPdf: "Download the letter (PDF)",
    howToSign: "How to sign",
    signOn:
      "Organisations that wish to sign this letter can write to {email} with their name as they would like it to appear, and their country.",
    signatories: "Signatories",
    placeDateSeparator: ", ",
  },
  es: {
    otherLanguages: "Esta carta en otros idiomas",
    downloadPdf: "Descargar la carta (PDF)",
    howToSign: "Cómo firmar",
    signOn:
      "Las organizaciones que deseen firmar esta carta pueden escribir a {email} con su nombre tal como desean que aparezca y su país.",
    signatories: "Firmantes",
    placeDateSeparator: ", ",
  },
  fr: {
    otherLanguages: "Cette lettre dans d’autres langues",
    downloadPdf: "Télécharger la lettre (PDF)",
    howToSign: "Comment signer",
    signOn:
      "Les organisations qui souhaitent signer cette lettre peuvent écrire à {email} en indiquant leur nom tel qu’elles souhaitent le voir figurer, et leur pays.",
    signatories: "Signataires",
    placeDateSeparator: ", ",
  },
  zh: {
    otherLanguages: "本信的其他语言版本",
    downloadPdf: "下载本信（PDF）",
    howToSign: "如何联署",
    signOn: "希望联署本信的组织请致信 {email}，注明希望显示的组织名称及所在国家。",
    signatories: "联署组织",
    placeDateSeparator: "，",
  },
  th: {
    otherLanguages: "จดหมายฉบับนี้ในภาษาอื่น",
    downloadPdf: "ดาวน์โหลดจดหมาย (PDF)",
    howToSign: "วิธีร่วมลงนาม",
    signOn: "องค์กรที่ต้องการร่วมลงนามในจดหมายฉบับนี้ เขียนถึง {email} โดยระบุชื่อองค์กรตามที่ต้องการให้ปรากฏ และประเทศ",
    signatories: "ผู้ร่วมลงนาม",
    placeDateSeparator: " ",
  },
  ur: {
    otherLanguages: "یہ خط دوسری زبانوں میں",
    downloadPdf: "خط ڈاؤن لوڈ کریں (PDF)",
    howToSign: "دستخط کیسے کریں",
    signOn:
      "جو تنظیمیں اس خط پر دستخط کرنا چاہتی ہیں وہ {email} پر لکھیں، اپنا نام جس طرح وہ درج کروانا چاہتی ہیں اور اپنا ملک بتائیں۔",
    signatories: "دستخط کنندگان",
    placeDateSeparator: "، ",
  },
  bn: {
    otherLanguages: "অন্যান্য ভাষায় এই চিঠি",
    downloadPdf: "চিঠিটি ডাউনলোড করুন (PDF)",
    howToSign: "কীভাবে স্বাক্ষর করবেন",
    signOn:
      "যে সংগঠনগুলো এই চিঠিতে স্বাক্ষর করতে চায়, তারা {email} ঠিকানায় লিখুন: সংগঠনের নাম যেভাবে দেখাতে চান এবং দেশের নাম জানিয়ে।",
    signatories: "স্বাক্ষরকারী",
    placeDateSeparator: ", ",
  },
};

export function pageStrings(language: string): PageStrings {
  const own = STRINGS[language];
  return own ? { lang: language, ...own } : { lang: "en", ...(STRINGS.en as Omit<PageStrings, "lang">) };
}

/** A language's name in that language: `English`, `español`, `中文`, `ไทย`, `اردو`, `বাংলা`. */
export function languageName(language: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: "language", fallback: "code" }).of(language);
    return name ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : language;
  } catch {
    return language;
  }
}
