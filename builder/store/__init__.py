"""The corpus store: one named graph per article in an embedded Oxigraph store."""
from .store import Store, StoreError

__all__ = ["Store", "StoreError"]
