// Plugins build on config-core only, never on the platform libraries.
export { logout } from '@dlthub/auth';
