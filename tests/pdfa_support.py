"""Apache PDFBox Preflight (Debian's libpdfbox2-java), a PDF/A-1b validator, for the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

JAVA_DIR = Path("/usr/share/java")
JARS = (
    "preflight",
    "pdfbox2",
    "fontbox2",
    "xmpbox",
    "commons-logging",
    "javax.activation",
    "jaxb-api",
)


def _preflight_command() -> list[str] | None:
    if shutil.which("java") is None:
        return None
    jars = [JAVA_DIR / f"{name}.jar" for name in JARS]
    if not all(jar.exists() for jar in jars):
        return None
    classpath = ":".join(str(jar) for jar in jars)
    return ["java", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b"]


def preflight_codes(pdf: bytes, tmp_path: Path) -> set[str]:
    """The PDF/A-1b error codes Preflight reports (e.g. {"7.11.2"}); set() when valid."""
    command = _preflight_command()
    assert command is not None
    path = tmp_path / "preflight.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [*command, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    if "is a valid PDF/A-1b file" in done.stdout:
        return set()
    codes = set(re.findall(r"^(\d+(?:\.\d+)+) : ", done.stdout, re.M))
    assert codes, done.stdout + done.stderr  # an unparsed answer is a failure, not a pass
    return codes


# What PDF/A-2b allows and PDF/A-1b does not, as Preflight numbers it:
PART_IS_2 = "7.11.2"  # «part must be 1»: the XMP says pdfaid:part 2
SOFT_MASK = "2.2.2"  # transparency (the BORRADOR watermark's alpha channel)
NEEDS_PREFLIGHT = pytest.mark.skipif(
    _preflight_command() is None,
    reason="Apache PDFBox Preflight not installed (Debian: libpdfbox2-java, "
    "libactivation-java, libjaxb-api-java and a JRE)",
)
