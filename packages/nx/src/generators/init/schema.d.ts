export interface InitGeneratorSchema {
  skipFormat?: boolean;
  /** Do not add @dlthub/cli to package.json (it is installed some other way). */
  skipPackageJson?: boolean;
}
