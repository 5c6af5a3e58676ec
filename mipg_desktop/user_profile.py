"""Who uses the program on this computer: a named person, recorded in the audit trail and
named as a document's author. Never the operating system's login.

The window asks the name at first start and lets it be changed (``Editar ▸ Mi nombre``);
the command line reads the same file, or ``MIPG_USER``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from mipg_desktop.i18n import _

FILE_NAME = "usuario.json"
MAX_NAME = 120


@dataclass(frozen=True)
class UserProfile:
    name: str
    position: str = ""


def profile_path() -> Path:
    folder = os.environ.get("MIPG_CONFIG_DIR")
    if folder:
        return Path(folder) / FILE_NAME
    from platformdirs import user_config_dir

    return Path(user_config_dir("mipg-desktop", appauthor=False)) / FILE_NAME


def read_profile() -> UserProfile | None:
    try:
        data = json.loads(profile_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = " ".join(str(data.get("name", "")).split()) if isinstance(data, dict) else ""
    if not name:
        return None
    return UserProfile(name[:MAX_NAME], " ".join(str(data.get("position", "")).split())[:200])


def save_profile(profile: UserProfile) -> UserProfile:
    """Write the profile (only the user can read it: it names them)."""
    from mipg_desktop.errors import ValidationError

    name = " ".join(profile.name.split())
    if not name:
        raise ValidationError(_("Escriba su nombre: queda en el registro de cambios."))
    if len(name) > MAX_NAME:
        raise ValidationError(
            _("El nombre tiene {n} caracteres; el máximo es {limit}.").format(
                n=len(name), limit=MAX_NAME
            )
        )
    clean = UserProfile(name, " ".join(profile.position.split())[:200])
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        json.dump(asdict(clean), stream, ensure_ascii=False)
    os.replace(temp, path)
    return clean


def program_user() -> str:
    """The name recorded for this program's changes: ``MIPG_USER``, else the profile, else
    a plain placeholder (never the computer's login)."""
    named = " ".join(os.environ.get("MIPG_USER", "").split())
    if named:
        return named[:MAX_NAME]
    profile = read_profile()
    return profile.name if profile else _("Usuario sin identificar")
