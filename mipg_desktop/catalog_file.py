"""The shipped catalog file (``resources/catalog/mipg_catalog.json``), read without SQLAlchemy.

Start-up compares the database's current catalog version with :func:`shipped_code` to know
whether the catalog needs upgrading (:mod:`mipg_desktop.catalog_seed`).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from mipg_desktop.resources import resource_path

CATALOG_FILE = ("catalog", "mipg_catalog.json")


def load_catalog_file() -> dict[str, Any]:
    with resource_path(*CATALOG_FILE).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def shipped_code() -> str:
    """The version code of the catalog this program ships."""
    return str(load_catalog_file()["version"]["code"])
