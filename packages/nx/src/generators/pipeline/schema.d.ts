export interface PipelineGeneratorSchema {
  source: string;
  destination: string;
  workspace: string;
  location?: string;
  skipFormat?: boolean;
}
