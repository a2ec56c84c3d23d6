// Writes cypher/browser/guide.html, the Neo4j Browser guide, from the visual queries in cypher/browser/.
// Run `npm run build` first (it uses dist/).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GUIDE_FILE, renderGuide } from '../dist/load/guide.js';
import { listQueries } from '../dist/load/queries.js';

const cypherDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cypher');
const out = path.join(cypherDir, GUIDE_FILE);
writeFileSync(out, renderGuide(listQueries(path.join(cypherDir, 'browser'))));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
