"""Session packages bounded in total: size, file count, memory; unreferenced files never stored."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_committees_package import full_session

from mipg_desktop.committees.package import PackageRefused, export_session, import_session
from mipg_desktop.storage.database import Database, open_database

pytestmark = pytest.mark.sqlite_only

MB = 1024 * 1024
PEAK_RSS_LIMIT_MB = 300  # what an import of any package may take (stated in the docs)

CHILD = """
import resource, sys
from pathlib import Path
from mipg_desktop.committees.package import import_session
from mipg_desktop.errors import MipgError
from mipg_desktop.storage.database import open_database
with open_database(sys.argv[1]) as db:
    try:
        print(import_session(db, Path(sys.argv[2])).action)
    except MipgError as error:
        print("rechazado:", error)
try:  # this program's own peak (ru_maxrss would carry the parent's over exec)
    status = Path("/proc/self/status").read_text()
    print(int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) // 1024)
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def chunks(size: int, tag: int) -> list[bytes]:
    """``size`` bytes of zeros ending with ``tag`` (so each file differs), in 1 MB pieces."""
    out = [bytes(min(MB, size - start)) for start in range(0, size, MB)]
    out[-1] = out[-1][:-8] + tag.to_bytes(8, "little")
    return out


def with_extra_files(source: Path, target: Path, files: dict[str, int], listed: bool) -> Path:
    """``source`` plus ``files`` (name → size; see :func:`zeros_name`), written streamed;
    ``listed`` puts them in the manifest's attachment list (not in the acta's content)."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        kept = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
    if listed:
        manifest["attachments"] += [{"sha256": n.split("/")[1]} for n in files]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in kept.items():
            archive.writestr(name, data)
        for tag, (name, size) in enumerate(files.items()):
            with archive.open(name, "w", force_zip64=True) as out:
                for piece in chunks(size, tag):
                    out.write(piece)
    return target


def zeros_name(size: int, tag: int) -> str:
    """The true name (SHA-256) of file number ``tag`` written by :func:`with_extra_files`."""
    digest = hashlib.sha256()
    for piece in chunks(size, tag):
        digest.update(piece)
    return f"attachments/{digest.hexdigest()}"


@pytest.fixture
def package(db: Database, tmp_path: Path) -> Path:
    sid = full_session(db)
    out = tmp_path / "sesion.mipgsesion"
    export_session(db, sid, out)
    return out


@pytest.fixture
def target(template_db: str, tmp_path: Path) -> Path:
    path = tmp_path / "destino.sqlite"
    shutil.copy(template_db, path)
    return path


def import_in_child(database: Path, package: Path) -> tuple[str, int]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(database), str(package)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=True,
    )
    *said, peak = result.stdout.strip().splitlines()
    return "\n".join(said), int(peak)


def blob_digests(database: Path) -> set[str]:
    conn = sqlite3.connect(database)
    try:
        return {r[0] for r in conn.execute("SELECT sha256 FROM attachment_blobs")}
    finally:
        conn.close()


def test_unreferenced_attachments_expanding_to_hundreds_of_mb_are_never_read_or_stored(
    package: Path, target: Path, tmp_path: Path
) -> None:
    files = {zeros_name(50 * MB, i): 50 * MB for i in range(12)}  # 600 MB of zeros
    hostile = with_extra_files(package, tmp_path / "bomba.mipgsesion", files, listed=True)
    assert hostile.stat().st_size < 4 * MB
    said, peak = import_in_child(target, hostile)
    print(f"peak RSS of the import: {peak} MB")
    assert said == "created"
    assert peak < PEAK_RSS_LIMIT_MB, f"{peak} MB"
    stored = blob_digests(target)
    assert stored and not stored & {name.split("/")[1] for name in files}


def test_many_small_files_are_bounded_and_too_many_refused(
    package: Path, target: Path, tmp_path: Path
) -> None:
    many = {zeros_name(1024, i): 1024 for i in range(4900)}
    hostile = with_extra_files(package, tmp_path / "muchos.mipgsesion", many, listed=False)
    said, peak = import_in_child(target, hostile)
    print(f"peak RSS of the import: {peak} MB")
    assert said == "created" and peak < PEAK_RSS_LIMIT_MB, (said, peak)
    too_many = {zeros_name(10, i): 10 for i in range(5001)}
    refused = with_extra_files(package, tmp_path / "demasiados.mipgsesion", too_many, listed=False)
    said, _peak = import_in_child(target, refused)
    assert said.startswith("rechazado:") and "demasiados archivos" in said


def test_referenced_attachments_over_the_total_limit_are_refused(
    package: Path, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mipg_desktop.committees import package as package_module

    monkeypatch.setattr(package_module, "MAX_EXPANDED_BYTES", 1024)
    with open_database(target) as db, pytest.raises(PackageRefused, match="suman"):
        import_session(db, package)
    assert blob_digests(target) == set()


def test_an_entry_that_expands_beyond_what_it_declares_is_refused(
    package: Path, target: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(package) as archive:
        names = [n for n in archive.namelist() if n.startswith("attachments/")]
    assert names
    lying = tmp_path / "miente.mipgsesion"
    shutil.copy(package, lying)
    data = bytearray(lying.read_bytes())
    # shrink the declared size (central directory and local header) of the first attachment
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo(names[0])
    old = info.file_size.to_bytes(4, "little")
    new = (info.file_size - 5).to_bytes(4, "little")
    assert data.count(old) >= 1
    lying.write_bytes(bytes(data).replace(old, new))
    with open_database(target) as db, pytest.raises(PackageRefused):
        import_session(db, lying)
    assert blob_digests(target) == set()
