"""Pre-tokenisation: split text into chunks that merges never cross."""

import re

PATTERN = r"""'(?:[sdmt]|ll|ve|re)| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+"""

_COMPILED = re.compile(PATTERN)


def pretokenize(text):
    """Return the list of chunks of `text` (their concatenation is `text`)."""
    return _COMPILED.findall(text)
