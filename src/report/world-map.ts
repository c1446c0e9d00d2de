/**
 * The report's world map as an inline SVG string: one shape per member state (a country outline from
 * world-atlas 110m, or a circle at a known centroid for states too small for that map, or a square in a
 * "not on the map" row as a last resort), each with `data-country` and `data-status`. Pure: the caller
 * passes the topology (read from world-atlas) and the status of each state.
 */
import { geoEqualEarth, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { isoNumericCode } from "../contacts/countries.js";
import { SMALL_STATE_CENTROIDS } from "./small-state-centroids.js";
import { escapeHtml } from "./escape-html.js";

export interface MapState {
  code: string;
  name: string;
  status: string;
  /** Tooltip text (shown by the browser from <title>, no script needed). */
  label: string;
}

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

interface CountryFeature {
  type: "Feature";
  id?: string | number;
  properties: { name?: string };
  geometry: GeoPermissibleObjects;
}

export function renderWorldMapSvg(topology: Topology, states: readonly MapState[]): string {
  const object = topology.objects["countries"] as GeometryCollection<{ name?: string }> | undefined;
  if (!object) throw new Error("topology has no `countries` object");
  const collection = feature(topology, object) as unknown as { features: CountryFeature[] };
  const byNumeric = new Map<string, CountryFeature>();
  for (const f of collection.features) if (f.id !== undefined) byNumeric.set(String(f.id), f);

  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 40],
    ],
    { type: "Sphere" },
  );
  const path = geoPath(projection).digits(1);
  const used = new Set<string>();
  const shapes: string[] = [];
  const circles: string[] = [];
  const unplaced: MapState[] = [];

  for (const s of states) {
    const numeric = isoNumericCode(s.code);
    const f = numeric ? byNumeric.get(numeric) : undefined;
    const attrs = `data-country="${escapeHtml(s.code)}" data-status="${escapeHtml(s.status)}" class="st st-${escapeHtml(s.status)}"`;
    const title = `<title>${escapeHtml(s.label)}</title>`;
    if (f && numeric) {
      const d = path(f.geometry);
      if (d) {
        used.add(numeric);
        shapes.push(`<path ${attrs} d="${d}">${title}</path>`);
        continue;
      }
    }
    const centroid = SMALL_STATE_CENTROIDS[s.code];
    const xy = centroid ? projection([centroid[0], centroid[1]]) : null;
    if (xy) {
      circles.push(
        `<circle ${attrs} cx="${xy[0].toFixed(1)}" cy="${xy[1].toFixed(1)}" r="3.2">${title}</circle>`,
      );
      continue;
    }
    unplaced.push(s);
  }

  // Land that is not a member state (Antarctica left out) is drawn in the background, without data.
  const background = collection.features
    .filter((f) => f.id === undefined || (!used.has(String(f.id)) && String(f.id) !== "010"))
    .map((f) => path(f.geometry))
    .filter((d): d is string => Boolean(d))
    .map((d) => `<path class="bg" d="${d}"/>`);

  const squares = unplaced.map((s, i) => {
    const attrs = `data-country="${escapeHtml(s.code)}" data-status="${escapeHtml(s.status)}" class="st st-${escapeHtml(s.status)}"`;
    return `<rect ${attrs} x="${(120 + i * 14).toFixed(0)}" y="${MAP_HEIGHT - 22}" width="10" height="10"><title>${escapeHtml(s.label)}</title></rect>`;
  });
  const unplacedLabel =
    unplaced.length > 0 ? `<text x="8" y="${MAP_HEIGHT - 13}" class="note">Not on the map:</text>` : "";
  const sphere = path({ type: "Sphere" }) ?? "";

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="World map of member states by status" class="world-map">`,
    `<path class="sphere" d="${sphere}"/>`,
    `<g class="background">${background.join("")}</g>`,
    `<g class="states">${shapes.join("")}</g>`,
    `<g class="small-states">${circles.join("")}</g>`,
    `<g class="unplaced">${unplacedLabel}${squares.join("")}</g>`,
    `</svg>`,
  ].join("\n");
}
