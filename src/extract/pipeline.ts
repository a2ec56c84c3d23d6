// The extraction pipeline for one document: raw text in, DocRecord out. Pure: no I/O but the
// lexicons. The stages, in order:
//   normalise → sentences → document place → places → organisations → persons & posts
//   → meetings & roles → division of labour → economy (enterprises, projects, industries)
//   → the document's own title and date
import { DocBuilder } from './doc.js';
import { gazetteer } from './gazetteer.js';
import { normaliseText } from './normalise.js';
import type { DocRecord } from './records.js';
import { extractDivisionOfLabour } from './stages/division.js';
import { documentDate, documentTitle } from './stages/document.js';
import { extractEconomy } from './stages/economy.js';
import { extractMeetingRoles, extractMeetings, mainMeeting } from './stages/meetings.js';
import { findOrganizations, type OrgMatch } from './stages/organizations.js';
import { extractPersons } from './stages/persons.js';
import { extractPlaces, locateDocumentPlace, placeWithin, type PlaceIndex } from './stages/places.js';

export interface RawDocument {
  /** The input file's base name; it is the `doc` of every evidence. */
  doc: string;
  /** Decoded text (already Unicode), HTML or plain. */
  text: string;
  format: 'html' | 'text';
}

/** Registers an organisation and its LOCATED_IN (the place its name carries). */
function organisationAdder(doc: DocBuilder, places: PlaceIndex) {
  return (org: Pick<OrgMatch, 'name' | 'aliases' | 'place' | 'start' | 'end'> & { implied?: boolean }): string => {
    const place = org.place ?? placeWithin(places, org.start, org.end)?.place;
    // A district's or county's body is named with its city too (北京市通州区人民政府, 中共长春市绿园区委).
    const parent = place?.level === 'county' ? gazetteer().parentOf(place.code) : undefined;
    const withParent = (n: string) => n.replace(place!.name, `${parent!.name}${place!.name}`);
    const qualified = parent && (parent.level === 'city' || parent.level === 'province' && parent.name.endsWith('市')) && org.name.includes(place!.name) && !org.name.includes(parent.name)
      ? [org.name, ...org.aliases].map(withParent) : [];
    // A body implied by a title (市长 → 市人民政府) is not written: its span is no alias.
    const id = doc.mention('Organization', org.name, org.start, org.end, { aliases: [...org.aliases, ...qualified], surfaceIsAlias: !org.implied });
    if (place) {
      const placeId = doc.mention('Place', place.name, org.start, org.end, { level: place.level, code: place.code, surfaceIsAlias: false });
      doc.relate('LOCATED_IN', id, placeId, org.start, org.end);
    }
    return id;
  };
}

/** The record plus the normalised text its offsets index (callers may write it out for readers). */
export function extractDocumentWithText(input: RawDocument): { record: DocRecord; text: string } {
  const text = normaliseText(input.text, input.format);
  const doc = new DocBuilder(input.doc, text);
  locateDocumentPlace(doc);
  const places = extractPlaces(doc);
  const addOrg = organisationAdder(doc, places);
  const orgs = findOrganizations(doc, places);
  for (const org of orgs) addOrg(org);
  const { persons } = extractPersons(doc, orgs, addOrg);
  // A place short form inside a name (玉林 in 张玉林) is not a place mention.
  for (const p of persons) doc.retract('Place', p.start, p.end);
  const meetings = extractMeetings(doc, places);
  const main = mainMeeting(doc, meetings);
  if (main) extractMeetingRoles(doc, main, persons, meetings);
  extractDivisionOfLabour(doc, persons, places, addOrg, orgs);
  extractEconomy(doc, places, orgs);
  const title = documentTitle(text), date = documentDate(text);
  return { record: { ...doc.record(), ...(title ? { title } : {}), ...(date ? { date } : {}) }, text };
}

export function extractDocument(input: RawDocument): DocRecord {
  return extractDocumentWithText(input).record;
}
