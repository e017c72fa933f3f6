"""Warta: political event data from Indonesian news, read natively."""

import logging

from warta.article import Article, DroppedLine, Given, Meta, Paragraph, Problem

__all__ = ["Article", "DroppedLine", "Given", "Meta", "Paragraph", "Problem", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
