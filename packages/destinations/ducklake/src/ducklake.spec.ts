import { describeDestinationContract, LEAK_MARKER } from '@dlthub/destination-kit/testing';
import { ducklakeCatalogVariant, ducklakeDestination, plugin } from './index';

describeDestinationContract(plugin, {
  credentials: { ducklake: { ducklake_name: 'lake', metadata_schema: 'meta' } },
  secretFields: { ducklake: ['password'] },
  native: [
    {
      text: 'postgres://loader:s3cret@pg.example.com:5433/lake_db?sslmode=require',
      fields: { drivername: 'postgres', username: 'loader', password: 's3cret', port: 5433, database: 'lake_db' },
    },
    { text: 'data/lake.duckdb', fields: { database: 'data/lake.duckdb' } },
  ],
  badNative: [{ text: `duckdb://u:${LEAK_MARKER}@h:port/db` }, { text: `\u0001${LEAK_MARKER}` }],
  pythonRequirements: ['dlt[ducklake]'],
});

describe('ducklake nested configurations', () => {
  it('embeds a catalog (connection string credentials) and a storage with bucket credentials', () => {
    const nested = ducklakeDestination.credentialsSchemas[0]?.nested ?? {};
    expect(Object.keys(nested)).toEqual(['catalog', 'storage']);
    expect(nested.catalog?.variants).toEqual([ducklakeCatalogVariant]);
    expect(nested.storage?.secret).toBe(false);
    expect(nested.storage?.variants[0]?.nested?.credentials?.select?.({ bucket_url: 's3://b' })).toEqual(['aws']);
  });

  it('parses catalog URLs of any driver, keeping the scheme as drivername', () => {
    expect(ducklakeCatalogVariant.parseNative!('postgres://u:p@pg:5432/catalog')).toMatchObject({
      drivername: 'postgres',
      host: 'pg',
      database: 'catalog',
    });
    expect(ducklakeCatalogVariant.parseNative!('sqlite:///lake.sqlite')).toMatchObject({
      drivername: 'sqlite',
      database: 'lake.sqlite',
    });
    expect(() => ducklakeCatalogVariant.parseNative!(`postgres://u:${LEAK_MARKER}@pg:x/db`)).toThrow(/Malformed/);
  });

  it("falls back as dlt's on_partial does: <ducklake_name>.sqlite catalog and <ducklake_name>.files storage", () => {
    const { catalog, storage } = ducklakeDestination.credentialsSchemas[0]?.nested ?? {};
    expect(catalog?.fallback!({ ducklake_name: 'sales' })).toEqual({ drivername: 'sqlite', database: 'sales.sqlite' });
    expect(storage?.fallback!({})).toEqual({ bucket_url: 'ducklake.files' });
  });
});
