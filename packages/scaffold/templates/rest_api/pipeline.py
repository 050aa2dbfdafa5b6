"""Loads resources of a REST API into {{destination}} with dlt's declarative rest_api source."""

import dlt
from dlt.sources.rest_api import rest_api_source


@dlt.source(name="rest_api")
def rest_api(base_url: str = dlt.config.value, token: str = dlt.secrets.value):
    return rest_api_source(
        {
            "client": {
                "base_url": base_url,
                "auth": {"type": "bearer", "token": token},
            },
            "resource_defaults": {"write_disposition": "merge", "primary_key": "id"},
            "resources": [
                # one entry per endpoint, e.g. "issues" or a dict with "endpoint": {...}
                "items",
            ],
        }
    )


def load_rest_api() -> None:
    pipeline = dlt.pipeline(
        pipeline_name="{{pipeline_name}}",
        destination="{{destination}}",
        dataset_name="rest_api_data",
    )
    load_info = pipeline.run(rest_api())
    print(load_info)  # noqa: T201


if __name__ == "__main__":
    load_rest_api()
