"""The district map is read once per file version, not on every run of the view."""

import json
import os

from dashboard.geo import district_geojson


def _write(path, name: str, mtime_ns: int) -> None:
    path.write_text(json.dumps({"type": "FeatureCollection", "name": name, "features": []}))
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_a_deployments_map_is_read_again_only_when_replaced(tmp_path, monkeypatch):
    path = tmp_path / "districts.geojson"
    monkeypatch.setenv("DASHBOARD_GEOJSON", str(path))
    _write(path, "first", 1_000_000_000)
    first = district_geojson(["D1"], sample=False)
    assert first is not None and first["name"] == "first"
    path.write_text("not json any more")  # same version: not read again
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert district_geojson(["D1"], sample=False) is first
    _write(path, "second", 2_000_000_000)
    second = district_geojson(["D1"], sample=False)
    assert second is not None and second["name"] == "second"


def test_without_a_map_only_the_sample_gets_an_invented_one(monkeypatch):
    monkeypatch.delenv("DASHBOARD_GEOJSON", raising=False)
    assert district_geojson(["D1", "D2"], sample=False) is None
    invented = district_geojson(["D2", "D1"], sample=True)
    assert invented is not None
    assert sorted(f["id"] for f in invented["features"]) == ["D1", "D2"]
    assert district_geojson(["D1", "D2"], sample=True) is invented
