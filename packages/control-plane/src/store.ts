import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { emptyState, type State } from './state';

export const stateFileName = 'state.json';
export const configurationsDirName = 'configurations';

/**
 * The state of one data dir. Mutations run synchronously on the in-memory state (Node runs one
 * handler at a time, so they never interleave) and are then persisted through a single write
 * queue: each write is an atomic temp-file + rename of the whole state, and a caller's promise
 * resolves only once a write that includes its change is on disk.
 */
export class Store {
  readonly state: State;
  readonly stateFile: string;
  private queue: Promise<void> = Promise.resolve();
  private scheduledWrite: Promise<void> | null = null;

  constructor(readonly dataDir: string) {
    mkdirSync(join(dataDir, configurationsDirName), { recursive: true });
    this.stateFile = join(dataDir, stateFileName);
    this.state = loadState(this.stateFile);
  }

  /** Applies `change` (which must validate before it mutates) and waits until it is durable. */
  async mutate<T>(change: (state: State) => T): Promise<T> {
    const result = change(this.state);
    await this.persist();
    return result;
  }

  /** Writes a blob (e.g. an uploaded configuration) atomically into the data dir. */
  async writeBlob(relativePath: string, content: string): Promise<void> {
    await writeFileAtomic(join(this.dataDir, relativePath), content, { mode: 0o600 });
  }

  readBlob(relativePath: string): string {
    return readFileSync(join(this.dataDir, relativePath), 'utf8');
  }

  /** Resolves once every write scheduled so far is on disk. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private persist(): Promise<void> {
    // Coalesce: changes made while a write is waiting in the queue ride along with it.
    if (!this.scheduledWrite) {
      const write = this.queue.then(async () => {
        this.scheduledWrite = null;
        await writeFileAtomic(this.stateFile, `${JSON.stringify(this.state, null, 1)}\n`, { mode: 0o600 });
      });
      this.scheduledWrite = write;
      this.queue = write.catch(() => undefined);
    }
    return this.scheduledWrite;
  }
}

function loadState(stateFile: string): State {
  let text: string;
  try {
    text = readFileSync(stateFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  let parsed: Partial<State>;
  try {
    parsed = JSON.parse(text) as Partial<State>;
  } catch (error) {
    throw new Error(`${stateFile} is not valid JSON; restore it from a backup or remove it to start empty.`, {
      cause: error,
    });
  }
  return { ...emptyState(), ...parsed, format: 1 };
}
