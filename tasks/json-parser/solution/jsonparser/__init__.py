"""jsonparser: a JSON parser and serializer written from scratch."""

from .decoder import loads
from .encoder import dumps
from .errors import JSONDecodeError

__all__ = ["loads", "dumps", "JSONDecodeError"]
