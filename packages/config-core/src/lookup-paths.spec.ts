import { buildLookupPaths } from './lookup-paths';

describe('buildLookupPaths (dlt _build_section_lookup_paths)', () => {
  it('drops sections from the right down to the bare key', () => {
    expect(buildLookupPaths(['sources', 'notion', 'notion'])).toEqual([
      ['sources', 'notion', 'notion'],
      ['sources', 'notion'],
      ['sources'],
      [],
    ]);
    expect(buildLookupPaths(['runtime'])).toEqual([['runtime'], []]);
    expect(buildLookupPaths([])).toEqual([[]]);
  });

  it('inserts the compact sources.<fn> path third when module and function differ', () => {
    expect(buildLookupPaths(['sources', 'notion', 'notion_databases'])).toEqual([
      ['sources', 'notion', 'notion_databases'],
      ['sources', 'notion'],
      ['sources', 'notion_databases'],
      ['sources'],
      [],
    ]);
  });

  it('does not compact jobs (dlt 1.26 adds it only when its deployment module is imported)', () => {
    expect(buildLookupPaths(['jobs', 'mod', 'job'])).toEqual([['jobs', 'mod', 'job'], ['jobs', 'mod'], ['jobs'], []]);
  });

  it('inserts the compact path third for four and five sections too, never with the deeper sections', () => {
    expect(buildLookupPaths(['sources', 'crm', 'contacts', 'paging'])).toEqual([
      ['sources', 'crm', 'contacts', 'paging'],
      ['sources', 'crm', 'contacts'],
      ['sources', 'contacts'],
      ['sources', 'crm'],
      ['sources'],
      [],
    ]);
    expect(buildLookupPaths(['sources', 'crm', 'contacts', 'paging', 'retry']).slice(0, 4)).toEqual([
      ['sources', 'crm', 'contacts', 'paging', 'retry'],
      ['sources', 'crm', 'contacts', 'paging'],
      ['sources', 'contacts'],
      ['sources', 'crm', 'contacts'],
    ]);
  });

  it('drops credentials like any other declared section', () => {
    expect(buildLookupPaths(['destination', 'postgres', 'credentials'])).toEqual([
      ['destination', 'postgres', 'credentials'],
      ['destination', 'postgres'],
      ['destination'],
      [],
    ]);
  });

  it("appends a nested configuration's own section to every path and never drops it", () => {
    expect(buildLookupPaths(['destination', 'postgres'], 'credentials')).toEqual([
      ['destination', 'postgres', 'credentials'],
      ['destination', 'credentials'],
      ['credentials'],
    ]);
  });
});
