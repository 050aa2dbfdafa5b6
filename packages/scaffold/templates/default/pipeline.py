"""A minimal dlt pipeline for the {{source}} source, loading into {{destination}}."""

import dlt


@dlt.source(name="{{source}}")
def {{source}}_source(api_key: str = dlt.secrets.value):
    return {{source}}_resource(api_key)


@dlt.resource(write_disposition="append")
def {{source}}_resource(api_key: str):
    # replace with your extraction code; api_key comes from [sources.{{source}}] in .dlt/secrets.toml
    yield [{"id": 1, "name": "example"}]


def load_{{source}}() -> None:
    pipeline = dlt.pipeline(
        pipeline_name="{{pipeline_name}}",
        destination="{{destination}}",
        dataset_name="{{source}}_data",
    )
    load_info = pipeline.run({{source}}_source())
    print(load_info)  # noqa: T201


if __name__ == "__main__":
    load_{{source}}()
