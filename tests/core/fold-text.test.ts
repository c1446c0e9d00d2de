import { describe, expect, it } from "vitest";
import { foldAccentsAndCase } from "../../src/core/fold-text.js";
import { countryNameKey } from "../../src/contacts/countries.js";
import { headingKey } from "../../src/directory/header-map.js";
import { recogniseLabel } from "../../src/directory/crawl/extract-contact-details.js";

describe("one accent and case fold", () => {
  it("drops accents, folds compatibility forms and case", () => {
    expect(foldAccentsAndCase("Côte d’Ivoire")).toBe("cote d’ivoire");
    expect(foldAccentsAndCase("ＣＯＲＲＥＯ Electrónico")).toBe("correo electronico");
    expect(foldAccentsAndCase("Ñandú")).toBe("nandu");
  });

  it("is what country names, CSV headings and page labels are matched by", () => {
    expect(countryNameKey("CÔTE D’IVOIRE")).toBe(countryNameKey("Cote d'Ivoire"));
    expect(headingKey("Correo Electrónico")).toBe(headingKey("correo electronico"));
    expect(recogniseLabel("Correo electrónico:")).toEqual(recogniseLabel("CORREO ELECTRONICO"));
  });
});
