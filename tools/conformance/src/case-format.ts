/** The shape of a shared conformance case (see shared/conformance/FORMAT.md). */

export interface FieldLookupExpectation {
  sections: string[];
  key: string;
  secret: boolean;
  /** Optional: the lookup runs in this pipeline's context (prefixed pass first, FORMAT.md). */
  pipeline_name?: string;
  value?: unknown;
  provider?: string | null;
  matched_key?: string;
  error?: string;
}

export interface AccessorLookupExpectation {
  accessor: 'config' | 'secrets';
  path: string;
  value: unknown;
  provider: string | null;
}

export type LookupExpectation = FieldLookupExpectation | AccessorLookupExpectation;

export interface FieldExpectation {
  value: unknown;
  provider: string | null;
  matched_key?: string;
}

export interface DestinationExpectation {
  name: string;
  destination_type?: string;
  credentials?: Record<string, FieldExpectation>;
  config?: Record<string, FieldExpectation>;
  error?: string;
}

export interface ConformanceCase {
  description: string;
  env: Record<string, string>;
  profile: string | null;
  expect: {
    profile?: string | null;
    workspace_name?: string;
    runtime?: Record<string, unknown>;
    lookups?: LookupExpectation[];
    destinations?: DestinationExpectation[];
    error?: string | null;
    error_provider?: string;
  };
}

export function isAccessorLookup(lookup: LookupExpectation): lookup is AccessorLookupExpectation {
  return 'accessor' in lookup;
}
