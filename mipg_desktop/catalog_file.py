"""The shipped catalog file (``resources/catalog/mipg_catalog.json``), read without SQLAlchemy.

Start-up compares the database's current catalog version with :func:`shipped_code` to know
whether the catalog needs upgrading (:mod:`mipg_desktop.catalog_seed`), and the settings row
``committee_types_version`` with :func:`shipped_types_version` to know whether the committee
types need syncing (:func:`mipg_desktop.committees.types.sync_types`).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from mipg_desktop.resources import resource_path

CATALOG_FILE = ("catalog", "mipg_catalog.json")
TYPES_FILE = ("catalog", "committee_types.json")
# the settings row recording which committee_types.json version a database has synced
TYPES_VERSION_KEY = "committee_types_version"


def load_catalog_file() -> dict[str, Any]:
    with resource_path(*CATALOG_FILE).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def shipped_code() -> str:
    """The version code of the catalog this program ships."""
    return str(load_catalog_file()["version"]["code"])


def load_types_file() -> dict[str, Any]:
    """The shipped committee types (``committee_types.json``), read without SQLAlchemy."""
    with resource_path(*TYPES_FILE).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def shipped_types_version() -> str:
    """The version of the committee types this program ships."""
    return str(load_types_file()["version"])
