"""LibreOffice headless, for the tests that check what it writes and reads (skipped without it)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) no instalado")


def convert(files: Sequence[Path], target: str, folder: Path) -> None:
    """Convert ``files`` (one LibreOffice start) to ``target`` («ods», «xls:MS Excel 97»,
    «html», a csv filter…) into ``folder``, with a profile of its own there."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) no instalado")
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'perfil-libreoffice'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
