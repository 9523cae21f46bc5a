/**
 * One Jest config for the whole workspace. jose 6 ships ESM only, so ts-jest must
 * transform it (allowJs + the transformIgnorePatterns exception below).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
    '^.+\\.m?js$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: {
    '^@coresdk/core-sdk$': '<rootDir>/libs/core-sdk/src',
    '^@coresdk/core-sdk/(.*)$': '<rootDir>/libs/core-sdk/src/$1',
    '^@coresdk/rego$': '<rootDir>/libs/rego/src',
    '^@coresdk/rego/(.*)$': '<rootDir>/libs/rego/src/$1',
  },
  testTimeout: 30000,
};
