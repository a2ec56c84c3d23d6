// The economy of a report: industries (sectors and chains), enterprises and the projects they carry
// out, read from the constructions government reports use for them — 以X为"链主",培育Y产业链;
// 实施A、B、C等项目; X、Y等重点企业; 发展/培育/打造 + sector — and the DEVELOPS, LEADS_CHAIN,
// UNDERTAKES, IN_INDUSTRY and LOCATED_IN relations between them. The order matters: later steps read
// what earlier ones found (sectors before chains, companies before the projects named after them).
import type { DocBuilder } from '../doc.js';
import { chainLeaders, companiesByEnding, enterprisesFromProjects, knownEnterpriseNames, listedEnterprises, marketCompanies } from './economy/enterprises.js';
import { cuedSectorLists, developsRelations, findIndustries, focusedSectorLists, kindListSectors, longerSectorNames } from './economy/industries.js';
import { projectLinks, projectsInOwnPlace, sectorsOfListedCompanies, signedProjects } from './economy/links.js';
import { ceremonyVenues, cuedProjectLists, facilities, investedProjects, projectLists } from './economy/projects.js';
import { EconomyScan } from './economy/scan.js';
import { centralEnterprises } from './economy/vocabulary.js';
import type { OrgMatch } from './organizations.js';
import type { PlaceIndex } from './places.js';

export function extractEconomy(doc: DocBuilder, places: PlaceIndex, orgs: OrgMatch[]): void {
  const scan = new EconomyScan(doc, places, orgs);
  findIndustries(scan);
  cuedSectorLists(scan);
  focusedSectorLists(scan);
  kindListSectors(scan);
  longerSectorNames(scan);
  developsRelations(scan);
  chainLeaders(scan);
  listedEnterprises(scan);
  marketCompanies(scan);
  companiesByEnding(scan);
  knownEnterpriseNames(scan);
  projectLists(scan);
  cuedProjectLists(scan);
  investedProjects(scan);
  ceremonyVenues(scan);
  facilities(scan);
  sectorsOfListedCompanies(scan);
  enterprisesFromProjects(scan, centralEnterprises());
  projectLinks(scan);
  signedProjects(scan);
  projectsInOwnPlace(scan);
  dropNestedProjects(scan);
}

/** Two steps may read one name at two lengths (百果园至水月寺公路 inside …公路改建工程): the longer reading stands. */
function dropNestedProjects(scan: EconomyScan): void {
  const spans = scan.projects;
  for (const p of spans) {
    if (spans.some((q) => q !== p && q.start <= p.start && p.end <= q.end && q.end - q.start > p.end - p.start)) scan.doc.retract('Project', p.start, p.end);
  }
}
