'use strict';
/**
 * The architecture rules of STYLE.md ("Dependency direction"), checked by `npm run lint:deps`.
 * Paths are relative to the folder depcruise runs in; tests are not cruised (test/unit/core/architecture-rules.test.ts
 * runs these same rules over a small fixture tree to prove each one bites).
 */

/** The core's contracts: the only part of `src/` a channel or connector may import. */
const CORE_CONTRACTS = ['^src/channels/', '^src/connectors-contract/', '^src/domain/', '^src/errors\\.ts$'];
/** Core modules a channel or connector may import for their types only, until what they need moves into the contracts. */
const CORE_TYPES_ONLY = ['^src/context\\.ts$'];

/** A channel or connector folder; the second group names it, so a rule can tell "its own folder" from another's. */
const ADAPTER = '^(channels|connectors)/([^/]+)/';
const STORAGE = '^src/storage/';
/** Node's server-side network modules, with or without the `node:` prefix. */
const NET_SERVER_CORE = '^(node:)?(http|https|http2|net)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'adapter-imports-other-adapter',
      comment: 'A channel or connector never imports another channel or connector folder; shared vendor code goes in vendors/.',
      severity: 'error',
      from: { path: ADAPTER },
      to: { path: '^(channels|connectors)/', pathNot: '^$1/$2/' },
    },
    {
      name: 'adapter-imports-core-storage',
      comment: 'Channels and connectors never touch core storage, not even for its types: the core applies their decisions.',
      severity: 'error',
      from: { path: ADAPTER },
      to: { path: STORAGE },
    },
    {
      name: 'adapter-imports-core-internals',
      comment: `From src/, channels and connectors import only the core's contracts (CORE_CONTRACTS in .dependency-cruiser.cjs).`,
      severity: 'error',
      from: { path: ADAPTER },
      to: { path: '^src/', pathNot: [...CORE_CONTRACTS, ...CORE_TYPES_ONLY, STORAGE] },
    },
    {
      name: 'adapter-value-imports-core-types',
      comment: 'These core modules may be imported by channels and connectors with `import type` only (CORE_TYPES_ONLY).',
      severity: 'error',
      from: { path: ADAPTER },
      to: { path: CORE_TYPES_ONLY, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'connector-imports-channel-contracts',
      comment: 'A connector reaches the core through src/connectors-contract/ only: the channel contracts are for channels.',
      severity: 'error',
      from: { path: '^connectors/' },
      to: { path: ['^src/channels/', '^src/context\\.ts$'] },
    },
    {
      name: 'channel-imports-connector-contracts',
      comment: 'Channels do not use the connector contracts: downstream systems are not resident channels.',
      severity: 'error',
      from: { path: '^channels/' },
      to: { path: '^src/connectors-contract/' },
    },
    {
      name: 'vendor-imports-adapter-or-storage',
      comment: 'A vendor module wraps an SDK: it knows nothing of channels, connectors or core storage.',
      severity: 'error',
      from: { path: '^vendors/' },
      to: { path: ['^(channels|connectors)/', STORAGE] },
    },
    {
      name: 'vendor-imports-other-vendor',
      comment: 'Each vendor module stands alone.',
      severity: 'error',
      from: { path: '^vendors/([^/]+)/' },
      to: { path: '^vendors/', pathNot: '^vendors/$1/' },
    },
    {
      name: 'core-imports-adapter',
      comment: 'The core names concrete channels and connectors in one place only: src/registry.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/registry\\.ts$' },
      to: { path: '^(channels|connectors)/' },
    },
    {
      name: 'core-imports-vendor',
      comment: 'The core names no vendor: vendor code is reached through channels and connectors.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^vendors/' },
    },
    {
      name: 'bullmq-outside-queue-module',
      comment: 'BullMQ lives behind one module, src/queue/bullmq-queue.ts.',
      severity: 'error',
      from: { pathNot: '^src/queue/bullmq-queue\\.ts$' },
      to: { path: 'node_modules/bullmq/' },
    },
    {
      name: 'database-driver-outside-storage',
      comment: 'Only src/storage/ talks to the database drivers (pg, PGlite).',
      severity: 'error',
      from: { pathNot: STORAGE },
      to: { path: ['node_modules/pg/', 'node_modules/@types/pg/', 'node_modules/@electric-sql/pglite/'] },
    },
    {
      name: 'classifier-imports-runtime',
      comment: 'The classifier is a pure library: no HTTP server, queue, database or channel code.',
      severity: 'error',
      from: { path: '^classifiers/' },
      to: {
        path: [
          NET_SERVER_CORE,
          'node_modules/(express|@types/express|bullmq|ioredis|pg|@types/pg)/',
          '^channels/',
          '^connectors/',
          '^src/(http|queue|storage)/',
        ],
      },
    },
    {
      name: 'no-value-cycle',
      comment: 'No import cycle made of value imports (a cycle broken by an `import type` does not exist at run time).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Shipped code imports only `dependencies`: `npm ci --omit=dev` leaves devDependencies out.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-non-package-json',
      comment: 'A package imported but not named in package.json works only by accident of hoisting.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are part of the graph: the storage rule forbids even those, and the cycle rule tells them apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
