// Nothing may import the CLI.
export { run } from '@dlthub/cli';
