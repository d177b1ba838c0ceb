/**
 * Where each région sits on the tile map of France (column, row): the
 * thirteen metropolitan régions in their rough geography, the five overseas
 * régions on the bottom row.
 *
 * @example
 * ```ts
 * import { regionTiles } from "./regions.ts";
 * regionTiles([{ group: "Bretagne", n: 120, share: 0.31 }]); // tiles for tileMap()
 * ```
 */
const GRID: Record<string, [number, number]> = {
  "Hauts-de-France": [2, 0],
  "Normandie": [1, 1],
  "Île-de-France": [2, 1],
  "Grand Est": [3, 1],
  "Bretagne": [0, 2],
  "Pays de la Loire": [1, 2],
  "Centre-Val de Loire": [2, 2],
  "Bourgogne-Franche-Comté": [3, 2],
  "Nouvelle-Aquitaine": [1, 3],
  "Auvergne-Rhône-Alpes": [3, 3],
  "Occitanie": [2, 4],
  "Provence-Alpes-Côte d'Azur": [3, 4],
  "Corse": [4, 5],
  "Guadeloupe": [0, 6],
  "Martinique": [1, 6],
  "Guyane": [2, 6],
  "La Réunion": [3, 6],
  "Mayotte": [4, 6],
};

/** Tiles for {@link tileMap} from shares by région (other groups, such as "unknown", are left out). */
export function regionTiles(shares: { group: string; n: number; share: number }[]) {
  return Object.entries(GRID).map(([label, [column, row]]) => {
    const s = shares.find((x) => x.group === label);
    return { label, column, row, value: s ? s.share : null, n: s?.n ?? 0 };
  });
}
