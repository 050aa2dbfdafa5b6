export interface WorkspaceGeneratorSchema {
  name: string;
  directory?: string;
  destination?: string;
  prodDestination?: string;
  profiles?: string | string[];
  dependencies?: 'pyproject' | 'requirements';
  skipFormat?: boolean;
}
