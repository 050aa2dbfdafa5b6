"""Loads CSV files from a local folder or a bucket into {{destination}} with dlt's filesystem source."""

import dlt
from dlt.sources.filesystem import filesystem, read_csv


def load_files() -> None:
    # bucket_url comes from [sources.filesystem] in .dlt/config.toml (file://, s3://, gs://, az://)
    files = filesystem(file_glob="**/*.csv")
    pipeline = dlt.pipeline(
        pipeline_name="{{pipeline_name}}",
        destination="{{destination}}",
        dataset_name="filesystem_data",
    )
    load_info = pipeline.run((files | read_csv()).with_name("csv_files"))
    print(load_info)  # noqa: T201


if __name__ == "__main__":
    load_files()
