import { describe, expect, it } from "vitest";
import { isAllowedUrl } from "../../src/directory/crawl/allowed-hosts.js";

describe("isAllowedUrl", () => {
  it("matches a bare host name on the scheme's default port only", () => {
    const allow = ["www.itu.int"];
    expect(isAllowedUrl(new URL("https://www.itu.int/online/x"), allow)).toBe(true);
    expect(isAllowedUrl(new URL("http://WWW.ITU.INT/x"), allow)).toBe(true);
    expect(isAllowedUrl(new URL("https://www.itu.int:8443/x"), allow)).toBe(false);
    expect(isAllowedUrl(new URL("https://itu.int/x"), allow)).toBe(false);
    expect(isAllowedUrl(new URL("https://evil.example/?www.itu.int"), allow)).toBe(false);
    expect(isAllowedUrl(new URL("https://www.itu.int.evil.example/"), allow)).toBe(false);
  });

  it("matches host:port exactly", () => {
    const allow = ["127.0.0.1:8080"];
    expect(isAllowedUrl(new URL("http://127.0.0.1:8080/a"), allow)).toBe(true);
    expect(isAllowedUrl(new URL("http://127.0.0.1:8081/a"), allow)).toBe(false);
    expect(isAllowedUrl(new URL("http://127.0.0.2:8080/a"), allow)).toBe(false);
    expect(isAllowedUrl(new URL("https://www.itu.int/a"), ["www.itu.int:443"])).toBe(true);
  });

  it("never allows other schemes", () => {
    expect(isAllowedUrl(new URL("ftp://www.itu.int/a"), ["www.itu.int"])).toBe(false);
    expect(isAllowedUrl(new URL("file:///etc/passwd"), [""])).toBe(false);
  });
});
