/** Invented ministry contacts at reserved domains, in the seven example languages' countries, for the render and PDF benches. */
import { contactSchema, type Contact } from "../src/contacts/contact-schema.js";

const COUNTRIES = [
  { code: "GB", name: "Alex Example" },
  { code: "AR", name: "Mariana Ejemplo" },
  { code: "CA", name: "Jean-Luc Modèle" },
  { code: "CN", name: "王示例" },
  { code: "TH", name: "สมใจ ตัวอย่าง" },
  { code: "PK", name: "عائشہ مثال" },
  { code: "BD", name: "রহিম উদাহরণ" },
];

export function syntheticContacts(count: number): Contact[] {
  return Array.from({ length: count }, (_, i) => {
    const country = COUNTRIES[i % COUNTRIES.length]!;
    return contactSchema.parse({
      id: `${country.code.toLowerCase()}-bench-${i}`,
      country: country.code,
      organisation: `Ministry of Examples No. ${i}`,
      department: i % 3 ? "International Affairs" : "",
      honorific: i % 2 ? "Dr." : "",
      name: `${country.name} ${i}`,
      title: i % 4 ? "Director" : "",
      email: `person${i}@ministry${i % 50}.example`,
    });
  });
}
