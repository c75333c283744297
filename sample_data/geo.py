"""An invented map: one polygon per district, tiled on a jittered lattice.

Real deployments supply their own GeoJSON (DASHBOARD_GEOJSON); no online tiles are used.
"""

import math

import numpy as np


def invented_districts(codes: list[str], *, seed: int = 7) -> dict:
    """A GeoJSON FeatureCollection with a feature per code (feature id = code).

    Neighbouring polygons share their corners, so the districts tile without gaps.
    """
    rng = np.random.default_rng(seed)
    cols = math.ceil(math.sqrt(len(codes)))
    rows = math.ceil(len(codes) / cols)
    size = 0.25  # degrees
    corners = {
        (r, c): (
            118.0 + c * size + rng.uniform(-0.06, 0.06) * (0 < c < cols),
            32.0 - r * size + rng.uniform(-0.06, 0.06) * (0 < r < rows),
        )
        for r in range(rows + 1)
        for c in range(cols + 1)
    }
    features = []
    for i, code in enumerate(codes):
        r, c = divmod(i, cols)
        ring = [
            corners[(r, c)],
            corners[(r, c + 1)],
            corners[(r + 1, c + 1)],
            corners[(r + 1, c)],
            corners[(r, c)],
        ]
        centre = [sum(p[0] for p in ring[:4]) / 4, sum(p[1] for p in ring[:4]) / 4]
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"centre": centre},
                # clockwise exterior ring: the orientation plotly's d3-geo expects
                "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
