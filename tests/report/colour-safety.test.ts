/**
 * The report's status colours stay distinct for readers with colour-vision deficiencies: each colour is
 * passed through the Machado, Oliveira & Fernandes (2009) simulation at full severity (deuteranopia,
 * protanopia, tritanopia) and every pair must stay at least 15 ΔE (CIE76, CIELAB D65) apart, as it must
 * with normal vision. Pill text is black or white, whichever contrasts more (WCAG ≥ 4.5:1 for each).
 */
import { describe, expect, it } from "vitest";
import { STATUS_COLOURS, textOn } from "../../src/report/render-report.js";

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
const SIMULATIONS: Record<string, Matrix> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

function simulatedLab(hex: string, m: Matrix): [number, number, number] {
  const lin = channels(hex).map(toLinear);
  const [r, g, b] = m.map((row) => {
    const v = (row[0] ?? 0) * (lin[0] ?? 0) + (row[1] ?? 0) * (lin[1] ?? 0) + (row[2] ?? 0) * (lin[2] ?? 0);
    return Math.min(1, Math.max(0, v));
  }) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function closestPair(colours: Record<string, string>, m: Matrix): { delta: number; pair: string } {
  const entries = Object.entries(colours);
  let best = { delta: Infinity, pair: "" };
  for (const [i, [a, ca]] of entries.entries()) {
    for (const [b, cb] of entries.slice(i + 1)) {
      const [l1, a1, b1] = simulatedLab(ca, m);
      const [l2, a2, b2] = simulatedLab(cb, m);
      const delta = Math.hypot(l1 - l2, a1 - a2, b1 - b2);
      if (delta < best.delta) best = { delta, pair: `${a} / ${b}` };
    }
  }
  return best;
}

describe("report status colours", () => {
  for (const [vision, matrix] of Object.entries(SIMULATIONS)) {
    it(`every pair stays at least 15 ΔE apart with ${vision} vision`, () => {
      const { delta, pair } = closestPair({ ...STATUS_COLOURS }, matrix);
      expect(delta, `closest: ${pair}`).toBeGreaterThanOrEqual(15);
    });
  }

  it("the check can fail: the previous palette's greens and oranges merge under protanopia", () => {
    const previous = { "delivered-by-partner": "#4cae4f", uncertain: "#f2994a", sent: "#3b75c4" };
    expect(closestPair(previous, SIMULATIONS.protanopia as Matrix).delta).toBeLessThan(15);
  });

  it("pill text contrasts at least 4.5:1 with every status colour", () => {
    const luminance = (hex: string) => {
      const [r = 0, g = 0, b = 0] = channels(hex).map(toLinear);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const [status, colour] of Object.entries(STATUS_COLOURS)) {
      const [hi, lo] = [luminance(colour), luminance(textOn(colour))].sort((x, y) => y - x) as [
        number,
        number,
      ];
      expect((hi + 0.05) / (lo + 0.05), status).toBeGreaterThanOrEqual(4.5);
    }
  });
});
