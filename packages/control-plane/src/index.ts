export { startControlPlane, type ControlPlaneOptions, type RunningControlPlane } from './server';
export { applySeed, readSeedFile, SeedSchema, describeSeedSummary, type Seed, type SeedSummary } from './seed';
export {
  openStore,
  SqliteStore,
  PostgresStore,
  sqliteFileName,
  stateFileName,
  databaseUrlEnv,
  redactDatabaseUrl,
  type OpenStoreOptions,
  type Store,
  type Tx,
  type Tables,
  type TableName,
} from './store';
export { defaultSettings, type ControlPlaneSettings } from './context';
export { runLoadBench, type LoadBenchOptions, type LoadBenchResult } from './load-bench';
export { spawnControlPlane, controlPlaneBin, type SpawnControlPlaneOptions, type SpawnedControlPlane } from './spawn';
export { demoSignIn, demoDecide, type DemoDecision } from './demo-browser';
export { isLoopbackHost } from './server';
