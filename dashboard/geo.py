"""The district map: the deployment's GeoJSON (DASHBOARD_GEOJSON), or an invented one."""

import json
import os
from pathlib import Path

from sample_data.geo import invented_districts


def district_geojson(codes: list[str], *, sample: bool) -> dict | None:
    """GeoJSON whose feature ids are district codes, or None when none is configured.

    A deployment's file must give each feature an `id` equal to the district's
    code and a `properties.centre` [lon, lat] where the label goes.
    """
    path = os.environ.get("DASHBOARD_GEOJSON")
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return invented_districts(sorted(codes)) if sample else None
