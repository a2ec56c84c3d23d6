// docker-compose.yml runs the same Neo4j release as the embedded server (neo4j-server/pom.xml),
// with the same safe defaults: loopback ports, no default password, no URL fetching by LOAD CSV.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './kg-process.js';

const compose = readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
const pom = readFileSync(path.join(repoRoot, 'neo4j-server/pom.xml'), 'utf8');

describe('docker-compose.yml', () => {
  it('pins the Neo4j image to the embedded server\'s release', () => {
    const embedded = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom)?.[1];
    expect(embedded).toMatch(/^5\.26\.\d+$/);
    expect(/^\s*image:\s*(\S+)\s*$/m.exec(compose)?.[1]).toBe(`neo4j:${embedded}-community`);
  });

  it('publishes its ports on loopback only, has no default password and blocks URLs for LOAD CSV', () => {
    const ports = [...compose.matchAll(/^\s*-\s*"([^"]+:\d+:\d+)"\s*$/gm)].map((m) => m[1]);
    expect(ports).toHaveLength(2);
    for (const p of ports) expect(p).toMatch(/^127\.0\.0\.1:/);
    expect(compose).toMatch(/NEO4J_AUTH: "\$\{NEO4J_USER:-neo4j\}\/\$\{NEO4J_PASSWORD:\?/);
    expect(compose).toContain('NEO4J_internal_dbms_cypher__ip__blocklist: "0.0.0.0/0,::/0"');
  });
});
