/**
 * What the platform workflows need from the program that runs them (the `dlthub` CLI, the Nx plugin,
 * a test): the workspace, the environment, the plugin registry, where progress messages go, and the
 * answers a user gives. The workflows never read `process.env`, prompt or print by themselves.
 */
import type { MemberOrganization, Workspace as RemoteWorkspace } from '@dlthub/api-schema';
import type { Env, Registry, Workspace } from '@dlthub/config-core';

/** Messages for the user while a workflow runs (the CLI writes them to stderr). */
export interface ProgressOutput {
  info(text: string): void;
  warn(text: string): void;
}

export interface PlatformHost {
  /** The environment variables the workflows read (`RUNTIME__API_KEY`, `CI`, `DLTHUB_PYTHON`, proxies…). */
  readonly env: Env;
  /** Plain http to a control plane that is not on loopback is allowed (the CLI's `--insecure`). */
  readonly insecure: boolean;
  /** A person can answer prompts and approve a device code on this terminal. */
  readonly interactive: boolean;
  /** Sent as the HTTP User-Agent (e.g. `dlthub-cli/0.1.0`). */
  readonly userAgent: string;
  /** The workspace (or classic run context) the workflow acts on; `require` refuses a directory without `.dlt/.workspace`. */
  workspace(options?: { require?: boolean }): Workspace;
  /** The plugin registry (synced profiles come from it). */
  registry(): Registry;
  readonly progress: ProgressOutput;
  /** A value that must never be printed, not even in part (a token the workflow receives or resolves). */
  protectSecret(value: unknown): void;
}

/** What a user chooses in the workspace picker. */
export type PickerValue = { kind: 'existing'; workspaceId: string } | { kind: 'create' };

/** The questions `connectWorkspace` may ask; asked only when `PlatformHost.interactive` is true (`confirm` always). */
export interface WorkspacePrompts {
  /** Yes/no before a change that moves a repository binding; `flag` is the option that answers yes up front. */
  confirm(message: string, flag: string): Promise<boolean>;
  /** One workspace among the user's, or "create a new one"; other organizations' are not choosable when one is pinned. */
  pickWorkspace(
    organizations: readonly MemberOrganization[],
    workspaces: readonly RemoteWorkspace[],
    pinnedOrganizationId?: string,
  ): Promise<PickerValue>;
  /** The name of a workspace to create. */
  askWorkspaceName(): Promise<string>;
  /** The organization a new workspace goes to. */
  askOrganization(organizations: readonly MemberOrganization[]): Promise<MemberOrganization>;
}
