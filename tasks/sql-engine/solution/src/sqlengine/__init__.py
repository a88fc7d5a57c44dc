"""A small SQL engine over a directory of CSV files."""

from .errors import SQLError
from .database import Database

__all__ = ["Database", "SQLError"]
