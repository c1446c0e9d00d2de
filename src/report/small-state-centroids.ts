/**
 * Map reference data the country table does not hold: the report's 110m world map leaves out small
 * states, which it draws as circles at these centroids. (ISO numeric codes, which world-atlas uses to
 * name countries, come from the one country table: src/contacts/countries.ts.)
 */

/** [longitude, latitude] of states too small for the 110m map, drawn as circles. */
export const SMALL_STATE_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = {
  AD: [1.52, 42.51],
  AG: [-61.8, 17.08],
  BH: [50.56, 26.07],
  BB: [-59.54, 13.19],
  CV: [-23.6, 15.1],
  KM: [43.87, -11.88],
  DM: [-61.37, 15.41],
  GD: [-61.68, 12.12],
  VA: [12.45, 41.9],
  KI: [173.0, 1.4],
  LI: [9.55, 47.16],
  MV: [73.5, 3.2],
  MT: [14.4, 35.9],
  MH: [171.2, 7.1],
  MU: [57.55, -20.3],
  FM: [158.2, 6.9],
  MC: [7.42, 43.74],
  NR: [166.93, -0.52],
  PW: [134.58, 7.5],
  KN: [-62.75, 17.3],
  LC: [-60.98, 13.9],
  VC: [-61.2, 13.25],
  WS: [-172.1, -13.76],
  SM: [12.46, 43.94],
  ST: [6.6, 0.2],
  SC: [55.45, -4.68],
  SG: [103.82, 1.35],
  TO: [-175.2, -21.18],
  TV: [179.2, -8.5],
  BN: [114.7, 4.5],
  LU: [6.13, 49.82],
  TT: [-61.22, 10.69],
  CY: [33.2, 35.0],
  PS: [35.2, 31.9],
  GM: [-15.3, 13.45],
};
