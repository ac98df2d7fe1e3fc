"""The pure extraction core: article text and publication date in, events out.

Public surface, re-exported deliberately; everything else in this package is
internal and may change.
"""

from service.extract.errors import ArticleRejected
from service.extract.pipeline import Extractor
from service.extract.resources import ResourceError, Resources, load_resources


def load_extractor() -> Extractor:
    """Load the packaged resources once and build an extractor on them."""
    from service import __version__

    return Extractor(load_resources(), __version__)


__all__ = [
    "ArticleRejected",
    "Extractor",
    "ResourceError",
    "Resources",
    "load_extractor",
    "load_resources",
]
