/**
 * The smtp-sink helper itself: sinks started side by side each get their own port (the sink binds port 0,
 * the helper reads the port back), and a sink that cannot start is reported with smtp-sink's own words.
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startSmtpSink } from "../helpers/smtp.js";

function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("data", (d: Buffer) => {
      socket.end("QUIT\r\n");
      resolve(d.toString());
    });
    socket.once("error", reject);
  });
}

describe("startSmtpSink", () => {
  it("starts several sinks at once, each on its own port, each greeting", async () => {
    const sinks = await Promise.all([1, 2, 3, 4].map(() => startSmtpSink()));
    try {
      expect(new Set(sinks.map((s) => s.port)).size).toBe(4);
      for (const sink of sinks) expect(await greeting(sink.port)).toMatch(/^220 /);
    } finally {
      await Promise.all(sinks.map((s) => s.stop()));
    }
  });

  it("a sink that exits at start is an error quoting smtp-sink", async () => {
    await expect(startSmtpSink({ extraArgs: ["-Z"] })).rejects.toThrow(
      /smtp-sink did not start:\n.*invalid option/,
    );
  });
});
