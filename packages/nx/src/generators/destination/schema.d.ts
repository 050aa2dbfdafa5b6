export interface DestinationGeneratorSchema {
  name: string;
  type: string;
  workspace: string;
  profiles?: string | string[];
  skipFormat?: boolean;
}
