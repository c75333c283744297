"""The district map: the deployment's GeoJSON (DASHBOARD_GEOJSON), or an invented one."""

import json
import os
from pathlib import Path

import streamlit as st

from sample_data.geo import invented_districts


def district_geojson(codes: list[str], *, sample: bool) -> dict | None:
    """GeoJSON whose feature ids are district codes, or None when none is configured.

    A deployment's file must give each feature an `id` equal to the district's
    code and a `properties.centre` [lon, lat] where the label goes. Read once per
    file version and shared by every session: callers must not change it.
    """
    path = os.environ.get("DASHBOARD_GEOJSON")
    if path:
        return _read(path, Path(path).stat().st_mtime_ns)
    return _invented(tuple(sorted(codes))) if sample else None


@st.cache_resource(max_entries=4, show_spinner=False)
def _read(path: str, version: int) -> dict:
    # `version` is unused: it is in the cache key, so a replaced file is read again
    return json.loads(Path(path).read_text(encoding="utf-8"))


@st.cache_resource(max_entries=16, show_spinner=False)
def _invented(codes: tuple[str, ...]) -> dict:
    return invented_districts(list(codes))
