// Places: which place the document is about (from its own text), and every mention of an
// administrative division or country, resolved by the GB/T 2260 gazetteer.
import type { DocBuilder, PlaceRef } from '../doc.js';
import { gazetteer, type PlaceEntry } from '../gazetteer.js';

export type PlaceIndex = Map<number, { end: number; place: PlaceRef }>;

export const placeRef = (e: PlaceEntry): PlaceRef => ({ name: e.name, code: e.code, level: e.level });

// Template texts leave the place blank as ×市 / ×县: then 市政府 names no real body.
const PLACEHOLDER = /×[省市县区]/g;

export function locateDocumentPlace(doc: DocBuilder): void {
  const placeholders = doc.text.match(PLACEHOLDER)?.length ?? 0;
  const g = gazetteer();
  const ctx = g.inferContext(doc.text);
  const entry = (code?: string) => (code ? g.byCode(code) : undefined);
  const province = entry(ctx.provinceCode), city = entry(ctx.cityCode), county = entry(ctx.countyCode);
  doc.places = {
    placeholder: placeholders >= 2,
    ...(province ? { province: placeRef(province) } : {}),
    ...(city && placeholders < 2 ? { city: placeRef(city) } : {}),
    ...(county && placeholders < 2 ? { county: placeRef(county) } : {}),
  };
}

/** Mentions every place; returns them by start offset for the stages that read place prefixes. */
export function extractPlaces(doc: DocBuilder): PlaceIndex {
  const g = gazetteer();
  const ctx = {
    ...(doc.places.province ? { provinceCode: doc.places.province.code } : {}),
    ...(doc.places.city ? { cityCode: doc.places.city.code } : {}),
    ...(doc.places.county ? { countyCode: doc.places.county.code } : {}),
  };
  const index: PlaceIndex = new Map();
  for (const m of g.findPlaces(doc.text, ctx)) {
    // 中国 opens many names that are not about the country as a place (中国共产党, 中国特色, 中国式现代化).
    if (m.entry.code === 'ISO:CN' && /[\p{Script=Han}]/u.test(doc.text[m.end] ?? '') && doc.text[m.end] !== '的') continue;
    doc.mention('Place', m.entry.name, m.start, m.end, { level: m.entry.level, code: m.entry.code, aliases: m.entry.shortNames });
    index.set(m.start, { end: m.end, place: placeRef(m.entry) });
  }
  return index;
}

/** The document's own place as a Place mention (for DEVELOPS and LOCATED_IN), with its first mention as evidence. */
export function ownPlaceId(doc: DocBuilder, level?: 'city' | 'county' | 'province'): string | undefined {
  // By default the most specific place the text is about: a county's report develops the county's sectors.
  const p = level === undefined ? doc.places.county ?? doc.places.city ?? doc.places.province : doc.places[level];
  if (!p) return undefined;
  const id = `Place:${p.name}`;
  return doc.has(id) ? id : undefined;
}

/** The mention ids of the places around a place (its city, province, country): 湖北省 around 蕲春县. */
export function ancestorPlaceIds(code: string): Set<string> {
  return new Set(gazetteer().ancestors(code).map((a) => `Place:${a.name}`));
}

/** The first place named inside a span (江油宏远 → 江油市), countries excluded where told. */
export function placeWithin(places: PlaceIndex, start: number, end: number, skipChina = true): { start: number; end: number; place: PlaceRef } | undefined {
  for (let i = start; i < end; i++) {
    const p = places.get(i);
    if (p && p.end <= end && !(skipChina && p.place.code === 'ISO:CN')) return { start: i, ...p };
  }
  return undefined;
}
