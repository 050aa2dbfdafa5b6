/**
 * The environment provider. dlt joins `[pipeline?, *sections, key]` with `__` and upper-cases
 * everything; a variable set to "" is a value. Names are looked up exactly, so lower-case
 * variable names never match (dlt: providers/environ.py).
 */
import type { Env } from '../types';
import type { ConfigProvider, ProviderHit, SectionView } from './provider';

export const ENV_PROVIDER_NAME = 'Environment Variables';

export function envKeyOf(path: readonly string[]): string {
  return path
    .filter((part) => part.length > 0)
    .join('__')
    .toUpperCase();
}

interface EnvNode {
  value?: string;
  children?: Map<string, EnvNode>;
  /**
   * The child for a key as asked (lower case, or with `__`), remembered: the tree outlives one open
   * (see `indexEnv`), and every open asks the same section and field names. Null: no such child.
   */
  asked?: Map<string, EnvNode | null>;
}

/** Bound on a node's remembered keys, so arbitrary names cannot grow it forever. */
const ASKED_LIMIT = 10_000;

/**
 * Lookups walk a tree of the variables split on `__`, so a path with no variable under its
 * first sections is rejected without building its name. Only names that are their own upper
 * case can ever match and are indexed.
 */
function buildEnvIndex(env: Env, names: readonly string[]): EnvNode {
  const root: EnvNode = {};
  for (const name of names) {
    const value = env[name];
    if (value === undefined || name !== name.toUpperCase()) continue;
    let node = root;
    for (const part of name.split('__')) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = {}));
      node = child;
    }
    node.value = value;
  }
  return root;
}

interface IndexedEnv {
  names: readonly string[];
  values: readonly (string | undefined)[];
  root: EnvNode;
}

/** The last index built per env object: reused only while every name and value is unchanged. */
const indexedEnvs = new WeakMap<Env, IndexedEnv>();

function indexEnv(env: Env): EnvNode {
  const names = Object.keys(env);
  const cached = indexedEnvs.get(env);
  if (cached && cached.names.length === names.length) {
    let same = true;
    for (let index = 0; index < names.length && same; index++) {
      same = names[index] === cached.names[index] && env[names[index]!] === cached.values[index];
    }
    if (same) return cached.root;
  }
  // The tree is never changed after it is built, so providers of the same env may share it.
  const root = buildEnvIndex(env, names);
  indexedEnvs.set(env, { names, values: names.map((name) => env[name]), root });
  return root;
}

/** A section of the variable tree: one map lookup per key. */
class EnvSection implements SectionView {
  readonly hitFile = -1;
  constructor(
    private readonly node: EnvNode,
    private readonly walk: (from: EnvNode, path: readonly string[]) => EnvNode | undefined,
    private readonly upperOf: (part: string) => string,
  ) {}

  get(key: string): unknown {
    if (key.length === 0) return undefined;
    const leaf = this.childNode(key);
    return leaf === undefined || leaf === this.node ? undefined : leaf.value;
  }

  child(key: string): SectionView | null {
    const node = key.length === 0 ? this.node : this.childNode(key);
    return node?.children ? new EnvSection(node, this.walk, this.upperOf) : null;
  }

  /** The node at `key` under this section (a key with `__` spans several levels); `key` is not empty. */
  private childNode(key: string): EnvNode | undefined {
    const node = this.node;
    if (node.children === undefined) return undefined;
    const asked = (node.asked ??= new Map());
    let found = asked.get(key);
    if (found === undefined) {
      found = (key.includes('__') ? this.walk(node, [key]) : node.children.get(this.upperOf(key))) ?? null;
      if (asked.size >= ASKED_LIMIT) asked.clear();
      asked.set(key, found);
    }
    return found ?? undefined;
  }
}

/**
 * Upper-case spellings of section names and keys, shared by every workspace opened in the process
 * (the same few names are asked again and again); bounded so arbitrary names cannot grow it forever.
 */
const UPPER_CASE = new Map<string, string>();
const UPPER_CASE_LIMIT = 10_000;

function upperOf(part: string): string {
  let cached = UPPER_CASE.get(part);
  if (cached === undefined) {
    if (UPPER_CASE.size >= UPPER_CASE_LIMIT) UPPER_CASE.clear();
    UPPER_CASE.set(part, (cached = part.toUpperCase()));
  }
  return cached;
}

export function createEnvProvider(env: Env): ConfigProvider {
  const root = indexEnv(env);
  return {
    name: ENV_PROVIDER_NAME,
    supportsSecrets: true,
    isEmpty: false,
    nativeKey: envKeyOf,
    get(path: readonly string[]): ProviderHit | undefined {
      const node = walk(root, path);
      return node === undefined || node === root || node.value === undefined
        ? undefined
        : { value: node.value, fileIndex: -1 };
    },
    section(sections: readonly string[]): SectionView | null {
      const node = walk(root, sections);
      if (!node?.children) return null;
      return new EnvSection(node, walk, upperOf);
    },
  };

  function walk(from: EnvNode, path: readonly string[]): EnvNode | undefined {
    let node: EnvNode | undefined = from;
    for (const part of path) {
      if (part.length === 0) continue;
      // A part that itself contains `__` spans several levels of the tree.
      if (part.includes('__')) {
        for (const piece of upperOf(part).split('__')) {
          node = node.children?.get(piece);
          if (!node) return undefined;
        }
        continue;
      }
      node = node.children?.get(upperOf(part));
      if (!node) return undefined;
    }
    return node;
  }
}
