"""Where the ontology, shapes and named queries live, installed or in a checkout."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_PKG = Path(str(resources.files("builder")))


def resource_dir(name: str) -> Path:
    """``ontology`` or ``shapes``: inside the wheel, or at the top of a source checkout."""
    for base in (_PKG / "_resources" / name, _PKG.parent / name):
        if base.is_dir():
            return base
    raise FileNotFoundError(f"diplokg resource folder {name!r} not found (broken installation?)")


def turtle_files(name: str) -> list[Path]:
    return sorted(resource_dir(name).glob("*.ttl"))
