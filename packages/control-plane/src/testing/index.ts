export { startTestPostgres, findPostgresBinDir, postgresBinDirEnv, type TestPostgres } from './postgres';
