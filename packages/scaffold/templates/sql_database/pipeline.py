"""Copies tables of a SQL database into {{destination}} with dlt's sql_database source."""

import dlt
from dlt.sources.sql_database import sql_database


def load_sql_database() -> None:
    # credentials come from [sources.sql_database] credentials in .dlt/secrets.toml,
    # a connection string such as "postgresql://user:password@host:5432/database"
    # every table of the database; to load a subset: sql_database().with_resources("table_a", "table_b")
    source = sql_database()
    pipeline = dlt.pipeline(
        pipeline_name="{{pipeline_name}}",
        destination="{{destination}}",
        dataset_name="sql_database_data",
    )
    load_info = pipeline.run(source, write_disposition="replace")
    print(load_info)  # noqa: T201


if __name__ == "__main__":
    load_sql_database()
