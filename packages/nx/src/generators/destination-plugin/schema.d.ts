export interface DestinationPluginGeneratorSchema {
  type: string;
  directory?: string;
  importPath?: string;
  description?: string;
  port?: number;
  skipFormat?: boolean;
}
