"""Byte-level BPE tokenizer: training, encoding, decoding and persistence."""

from .pretokenize import PATTERN, pretokenize
from .tokenizer import Tokenizer
from .trainer import train

__all__ = ["PATTERN", "pretokenize", "Tokenizer", "train"]
