// The control plane as a real server: allowed in the platform libraries' tests, not in their code.
export { startControlPlane } from '@dlthub/control-plane';
