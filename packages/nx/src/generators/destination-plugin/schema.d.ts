export interface DestinationPluginGeneratorSchema {
  type: string;
  directory?: string;
  importPath?: string;
  description?: string;
  port?: number;
  /** List the package in the root package.json dlthub.plugins (default true). */
  register?: boolean;
  skipFormat?: boolean;
}
