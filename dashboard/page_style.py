"""The look every view shares, as CSS Streamlit has no setting for."""

# Metric labels and links to other views wrap instead of ending in "…" or running off a
# phone's screen, and numbers shrink with the screen, down
# to where five to a row fit at 1024 px, up to Streamlit's own size on a projector.
# Streamlit's "Running..." corner is English, and the live line says when data came.
STYLE = """<style>
[data-testid="stMetricLabel"] p { white-space: normal; }
[data-testid="stPageLink"] * { white-space: normal; max-width: 100%; }
[data-testid="stMetricValue"] { font-size: clamp(1.4rem, 2.4vw, 2.25rem); }
[data-testid="stStatusWidget"] { display: none; }
</style>"""
