"""One app process: `streamlit run` with the libraries every view needs imported before
the server starts, so the first visitor after a start or restart does not wait for them
(about 1.4 s here). `python -m dashboard.worker dashboard/app.py [streamlit options]`.
Only modules that make no Streamlit calls when imported come early (the login library
and our cached queries do, and would log warnings before the runtime exists)."""

import sys

import jwt  # noqa: F401
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import requests  # noqa: F401  (the login library's)
import sqlalchemy  # noqa: F401
from streamlit.web import cli

import dashboard.figures  # noqa: F401
import data_access.indicators.comparison  # noqa: F401
import data_access.scoring  # noqa: F401


def main() -> None:
    cli.main(["run", *sys.argv[1:]], prog_name="streamlit")


if __name__ == "__main__":
    main()
