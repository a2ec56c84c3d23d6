// `npm run test:unit`: every test that needs neither Java (the Neo4j server) nor Chromium.
// The ones left out start a Neo4j server of their own or drive Neo4j Browser in Chromium.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export const NEEDS_SERVER = ['test/neo4j/neo4j.test.ts', 'test/neo4j/bulk.test.ts', 'test/neo4j/incremental.test.ts', 'test/reliability/load-fault.test.ts', 'test/reliability/neo4j-safety.test.ts'];

export default defineConfig({
  test: {
    ...base.test,
    exclude: ['**/node_modules/**', ...NEEDS_SERVER],
    // Not test/neo4j/global-setup.ts: nothing here needs a server.
    globalSetup: ['test/global-build.ts'],
  },
});
