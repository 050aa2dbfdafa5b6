import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { decrypt, encrypt, loadSecretsKey } from './encryption';
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
  /** The JSON of the last state on disk. */
  private lastWritten: string;
  /** Bumped by every rollback; a write scheduled in an earlier generation must not run. */
  private generation = 0;
  private scheduledWrite: Promise<void> | null = null;

  private readonly secretsKey: Buffer;

  constructor(
    readonly dataDir: string,
    options: { secretsKeyFile?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    // The data dir holds hashes, the secrets key and encrypted secrets: owner only.
    mkdirSync(join(dataDir, configurationsDirName), { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
    chmodSync(join(dataDir, configurationsDirName), 0o700);
    this.stateFile = join(dataDir, stateFileName);
    this.state = loadState(this.stateFile);
    this.lastWritten = JSON.stringify(this.state);
    removeOrphans(dataDir, this.state);
    this.secretsKey = loadSecretsKey(dataDir, options.secretsKeyFile, options.env);
  }

  /**
   * Applies `change` (which must validate before it mutates) and waits until it is durable. When the
   * write fails the state goes back to what it was, so nothing the client was refused stays visible.
   */
  async mutate<T>(change: (state: State) => T): Promise<T> {
    const result = change(this.state);
    const generation = this.generation;
    try {
      await this.persist();
    } catch (error) {
      this.rollback(generation);
      throw error;
    }
    return result;
  }

  /**
   * Back to the last state that reached the disk. Every change made since then is dropped, and
   * writes already queued for them fail (their generation is over), so no client is told "done"
   * for a change that is not on disk and none is refused for one that stays in memory.
   */
  private rollback(generation: number): void {
    if (generation !== this.generation) return;
    this.generation += 1;
    this.scheduledWrite = null;
    Object.assign(this.state, JSON.parse(this.lastWritten) as State);
  }

  /** Writes a blob (e.g. an uploaded configuration) encrypted and atomically into the data dir. */
  async writeBlob(relativePath: string, content: string): Promise<void> {
    await writeFileAtomic(join(this.dataDir, relativePath), encrypt(this.secretsKey, content, relativePath), {
      mode: 0o600,
    });
  }

  readBlob(relativePath: string): string {
    return decrypt(this.secretsKey, readFileSync(join(this.dataDir, relativePath), 'utf8'), relativePath);
  }

  /** Removes a blob no record points to (a failed or deduplicated upload). */
  removeBlob(relativePath: string): void {
    rmSync(join(this.dataDir, relativePath), { force: true });
  }

  /** Resolves once every write scheduled so far is on disk. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private persist(): Promise<void> {
    // Coalesce: changes made while a write is waiting in the queue ride along with it.
    if (!this.scheduledWrite) {
      const generation = this.generation;
      const write = this.queue.then(async () => {
        if (generation !== this.generation) throw new Error('An earlier write failed; this change was rolled back.');
        this.scheduledWrite = null;
        const text = JSON.stringify(this.state);
        await writeFileAtomic(this.stateFile, `${text}\n`, { mode: 0o600 });
        this.lastWritten = text;
      });
      this.scheduledWrite = write;
      this.queue = write.catch(() => undefined);
    }
    return this.scheduledWrite;
  }
}

/**
 * Left over by a kill at the wrong moment: temp files of atomic writes, and configuration blobs whose
 * record never became durable. Nothing points to them, so they go at start.
 */
function removeOrphans(dataDir: string, state: State): void {
  for (const name of readdirSync(dataDir)) {
    if (name.startsWith(`${stateFileName}.`)) rmSync(join(dataDir, name), { force: true });
  }
  const known = new Set(state.configurations.map((c) => `${c.id}.json`));
  const blobs = join(dataDir, configurationsDirName);
  for (const name of readdirSync(blobs)) if (!known.has(name)) rmSync(join(blobs, name), { force: true });
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
