import { stripAccents } from "../base/mod.ts";
/**
 * French départements and régions (2016 régions, INSEE codes), with one
 * large town per département. Used to normalise locations and to generate
 * realistic offers.
 *
 * @example
 * ```ts
 * import { regionOfDepartement } from "./geo.ts";
 * regionOfDepartement("69"); // "Auvergne-Rhône-Alpes"
 * ```
 */

/** One département: INSEE code, name, région name, a large town in it. */
export interface Departement {
  code: string;
  name: string;
  region: string;
  town: string;
}

const RAW: Record<string, string> = {
  "Île-de-France":
    "75:Paris:Paris|77:Seine-et-Marne:Melun|78:Yvelines:Versailles|91:Essonne:Évry-Courcouronnes|92:Hauts-de-Seine:Nanterre|93:Seine-Saint-Denis:Saint-Denis|94:Val-de-Marne:Créteil|95:Val-d'Oise:Cergy",
  "Centre-Val de Loire":
    "18:Cher:Bourges|28:Eure-et-Loir:Chartres|36:Indre:Châteauroux|37:Indre-et-Loire:Tours|41:Loir-et-Cher:Blois|45:Loiret:Orléans",
  "Bourgogne-Franche-Comté":
    "21:Côte-d'Or:Dijon|25:Doubs:Besançon|39:Jura:Lons-le-Saunier|58:Nièvre:Nevers|70:Haute-Saône:Vesoul|71:Saône-et-Loire:Chalon-sur-Saône|89:Yonne:Auxerre|90:Territoire de Belfort:Belfort",
  "Normandie": "14:Calvados:Caen|27:Eure:Évreux|50:Manche:Saint-Lô|61:Orne:Alençon|76:Seine-Maritime:Rouen",
  "Hauts-de-France": "02:Aisne:Laon|59:Nord:Lille|60:Oise:Beauvais|62:Pas-de-Calais:Arras|80:Somme:Amiens",
  "Grand Est":
    "08:Ardennes:Charleville-Mézières|10:Aube:Troyes|51:Marne:Reims|52:Haute-Marne:Chaumont|54:Meurthe-et-Moselle:Nancy|55:Meuse:Verdun|57:Moselle:Metz|67:Bas-Rhin:Strasbourg|68:Haut-Rhin:Mulhouse|88:Vosges:Épinal",
  "Pays de la Loire":
    "44:Loire-Atlantique:Nantes|49:Maine-et-Loire:Angers|53:Mayenne:Laval|72:Sarthe:Le Mans|85:Vendée:La Roche-sur-Yon",
  "Bretagne": "22:Côtes-d'Armor:Saint-Brieuc|29:Finistère:Brest|35:Ille-et-Vilaine:Rennes|56:Morbihan:Vannes",
  "Nouvelle-Aquitaine":
    "16:Charente:Angoulême|17:Charente-Maritime:La Rochelle|19:Corrèze:Brive-la-Gaillarde|23:Creuse:Guéret|24:Dordogne:Périgueux|33:Gironde:Bordeaux|40:Landes:Mont-de-Marsan|47:Lot-et-Garonne:Agen|64:Pyrénées-Atlantiques:Pau|79:Deux-Sèvres:Niort|86:Vienne:Poitiers|87:Haute-Vienne:Limoges",
  "Occitanie":
    "09:Ariège:Foix|11:Aude:Carcassonne|12:Aveyron:Rodez|30:Gard:Nîmes|31:Haute-Garonne:Toulouse|32:Gers:Auch|34:Hérault:Montpellier|46:Lot:Cahors|48:Lozère:Mende|65:Hautes-Pyrénées:Tarbes|66:Pyrénées-Orientales:Perpignan|81:Tarn:Albi|82:Tarn-et-Garonne:Montauban",
  "Auvergne-Rhône-Alpes":
    "01:Ain:Bourg-en-Bresse|03:Allier:Moulins|07:Ardèche:Privas|15:Cantal:Aurillac|26:Drôme:Valence|38:Isère:Grenoble|42:Loire:Saint-Étienne|43:Haute-Loire:Le Puy-en-Velay|63:Puy-de-Dôme:Clermont-Ferrand|69:Rhône:Lyon|73:Savoie:Chambéry|74:Haute-Savoie:Annecy",
  "Provence-Alpes-Côte d'Azur":
    "04:Alpes-de-Haute-Provence:Digne-les-Bains|05:Hautes-Alpes:Gap|06:Alpes-Maritimes:Nice|13:Bouches-du-Rhône:Marseille|83:Var:Toulon|84:Vaucluse:Avignon",
  "Corse": "2A:Corse-du-Sud:Ajaccio|2B:Haute-Corse:Bastia",
  "Guadeloupe": "971:Guadeloupe:Pointe-à-Pitre",
  "Martinique": "972:Martinique:Fort-de-France",
  "Guyane": "973:Guyane:Cayenne",
  "La Réunion": "974:La Réunion:Saint-Denis",
  "Mayotte": "976:Mayotte:Mamoudzou",
};

/** Every département, in code order. */
export const DEPARTEMENTS: readonly Departement[] = Object.entries(RAW)
  .flatMap(([region, list]) =>
    list.split("|").map((item) => {
      const [code, name, town] = item.split(":");
      return { code, name, region, town };
    })
  )
  .sort((a, b) => a.code.localeCompare(b.code));

/** The 18 régions, in a stable order. */
export const REGIONS: readonly string[] = Object.keys(RAW);

const BY_CODE = new Map(DEPARTEMENTS.map((d) => [d.code, d]));
const REGION_BY_KEY = new Map(REGIONS.map((r) => [foldKey(r), r]));

function foldKey(s: string): string {
  return stripAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

/**
 * Normalises a département code as sources write it ("1", "01", 1, "2a",
 * "971") to its INSEE form, or null when it is not a département.
 *
 * @example
 * ```ts
 * normaliseDepartement(1); // "01"
 * normaliseDepartement("2a"); // "2A"
 * ```
 */
export function normaliseDepartement(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let s = String(value).trim().toUpperCase();
  if (s === "") return null;
  if (/^\d+(\.0+)?$/.test(s)) s = String(parseInt(s, 10));
  if (/^\d$/.test(s)) s = "0" + s;
  if (s === "20") return null; // old Corsica code: ambiguous between 2A and 2B
  return BY_CODE.has(s) ? s : null;
}

/** The région of a département code, or null. */
export function regionOfDepartement(code: string | null): string | null {
  return code === null ? null : BY_CODE.get(code)?.region ?? null;
}

/** The département record for a code, or undefined. */
export function departement(code: string): Departement | undefined {
  return BY_CODE.get(code);
}

/**
 * Reads a free-text location ("89 - AUXERRE", "Lyon (69)", "Ile-de-France",
 * "69003") into a département and région, as far as it can.
 *
 * @example
 * ```ts
 * parseLocation("89 - AUXERRE"); // { departement: "89", region: "Bourgogne-Franche-Comté" }
 * ```
 */
export function parseLocation(
  label: string | null | undefined,
): { departement: string | null; region: string | null } {
  if (!label) return { departement: null, region: null };
  const text = String(label).trim();
  const lead = text.match(/^(97\d|2[AB]|\d{2})\s*(?:-|$)/i) ?? text.match(/\((97\d|2[AB]|\d{2})\)/i);
  const postcode = text.match(/^(\d{5})$/);
  const code = lead ? normaliseDepartement(lead[1]) : postcode ? departementOfPostcode(postcode[1]) : null;
  if (code) return { departement: code, region: regionOfDepartement(code) };
  const key = foldKey(text);
  const region = REGION_BY_KEY.get(key) ?? null;
  return { departement: null, region };
}

/** The département of a French postcode ("69003" -> "69", "20000" -> "2A", "97400" -> "974"). */
export function departementOfPostcode(postcode: string): string | null {
  if (!/^\d{5}$/.test(postcode)) return null;
  if (postcode.startsWith("97")) return normaliseDepartement(postcode.slice(0, 3));
  if (postcode.startsWith("20")) return Number(postcode) < 20200 ? "2A" : "2B";
  return normaliseDepartement(postcode.slice(0, 2));
}

/** Looks up a région by its name written in any case or accent form. */
export function normaliseRegion(name: string | null | undefined): string | null {
  return name ? REGION_BY_KEY.get(foldKey(name)) ?? null : null;
}
