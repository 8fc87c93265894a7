"""citekit: turn messy scraped publication lists into clean citations.

Public API: build_citations (sources → Outcome) and __version__.
"""
__version__ = "0.1.0"


def build_citations(*args, **kwargs):
    """See citekit.pipeline.build_citations (imported lazily to keep `citekit --help` fast)."""
    from citekit.pipeline import build_citations as build

    return build(*args, **kwargs)
