// Nothing may import the Nx plugin.
export { createNodesV2 } from '@dlthub/nx';
