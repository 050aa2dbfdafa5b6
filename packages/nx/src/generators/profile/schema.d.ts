export interface ProfileGeneratorSchema {
  name: string;
  workspace: string;
  skipFormat?: boolean;
}
