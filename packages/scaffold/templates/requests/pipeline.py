"""Loads pages of an HTTP API into {{destination}} with dlt's requests helper (retries built in)."""

import dlt
from dlt.sources.helpers import requests


@dlt.resource(write_disposition="replace")
def {{source}}_items(base_url: str = dlt.config.value):
    # base_url comes from [sources.{{source}}] in .dlt/config.toml; follow "next" links until there are none
    url = f"{base_url}/items"
    while url:
        response = requests.get(url)
        response.raise_for_status()
        yield response.json()
        url = response.links.get("next", {}).get("url")


@dlt.source(name="{{source}}")
def {{source}}_source():
    return {{source}}_items()


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
