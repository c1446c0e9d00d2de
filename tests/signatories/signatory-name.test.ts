import { describe, expect, it } from "vitest";
import {
  areSimilarNames,
  signatoryId,
  signatoryKey,
  splitCountrySuffix,
} from "../../src/campaign/signatory-name.js";

describe("signatory names", () => {
  it("gives the same key to the same name however it is written", () => {
    expect(signatoryKey("ISOC – Belgrade")).toBe(signatoryKey("ISOC Belgrade"));
    expect(signatoryKey("ISOC - Belgrade")).toBe(signatoryKey("isoc-belgrade"));
    expect(signatoryKey("Fundación Karisma")).toBe(signatoryKey("FUNDACION KARISMA"));
    expect(signatoryKey("Center for Democracy & Technology")).toBe(
      signatoryKey("Center for Democracy and Technology"),
    );
    expect(signatoryKey("Bytes For All")).toBe(signatoryKey("BytesForAll"));
    // A trailing ", <country>" that repeats the row's country is not part of the name.
    expect(signatoryKey("Kictanet, Kenya", "KE")).toBe(signatoryKey("Kictanet", "KE"));
    expect(signatoryKey("Kictanet, Kenya")).toBe(signatoryKey("Kictanet"));
  });

  it("keeps different organisations apart", () => {
    expect(signatoryKey("ISOC – Sweden")).not.toBe(signatoryKey("ISOC – Philippines"));
    expect(signatoryKey("Human Rights Watch")).not.toBe(signatoryKey("Human Rights in China"));
    // A dash never splits off a country: "ISOC – Sweden" is not "ISOC" in Sweden.
    expect(splitCountrySuffix("ISOC – Sweden", "")).toEqual({ organisation: "ISOC – Sweden", country: "" });
  });

  it("splits a country the name ends with, the way the letter prints it", () => {
    expect(splitCountrySuffix("Kictanet, Kenya", "")).toEqual({ organisation: "Kictanet", country: "KE" });
    expect(splitCountrySuffix("Association of Digital Culture,Taiwan", "")).toEqual({
      organisation: "Association of Digital Culture",
      country: "TW",
    });
    // Another country than the one given stays in the name; so does a tail that is no country.
    expect(splitCountrySuffix("Open Example, France", "AR").organisation).toBe("Open Example, France");
    expect(splitCountrySuffix("Example Institute, Universidad de Palermo", "AR").organisation).toBe(
      "Example Institute, Universidad de Palermo",
    );
  });

  it("finds near-duplicates for a person to decide, not equal names", () => {
    expect(areSimilarNames("Electronic Frontier Foundation", "Electronic Frontier Foundaton")).toBe(true);
    expect(areSimilarNames("Open Rights Group", "Open Rights Group UK")).toBe(true);
    expect(areSimilarNames("ISOC – Belgrade", "ISOC Belgrade")).toBe(false); // the same, not near
    expect(areSimilarNames("ISOC – Sweden", "ISOC – Philippines")).toBe(false);
    expect(areSimilarNames("Instituto Nupef", "Instituto Bem Estar")).toBe(false);
    expect(areSimilarNames("ISOC", "ISOC – Sweden")).toBe(false); // one word is too little to tell
  });

  it("makes readable, unique ids", () => {
    expect(signatoryId("ISOC – Belgrade", new Set())).toBe("isoc-belgrade");
    expect(signatoryId("ISOC – Belgrade", new Set(["isoc-belgrade"]))).toBe("isoc-belgrade-2");
    expect(signatoryId("Movimento Mega Não", new Set())).toBe("movimento-mega-nao");
    expect(signatoryId("泰国网民网络", new Set())).toBe("泰国网民网络");
    expect(signatoryId("!!!", new Set())).toBe("signatory");
  });
});
