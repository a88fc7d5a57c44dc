"""The results store (SQLite) and what is computed from it: metrics, comparisons, nightlies."""

from agentbench.store.store import STORE_ENV, STORE_FILE, Store, open_store, store_path

__all__ = ["STORE_ENV", "STORE_FILE", "Store", "open_store", "store_path"]
