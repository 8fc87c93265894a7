"""Reference: bibtexparser's own parse and write of one .bib, as a user of the library would.

    python benchmarks/bibtexparser_roundtrip.py IN.bib OUT.bib

The write uses the in-place unparse stack, the fast path bibtexparser recommends for large
libraries (its default deep-copies every block first), so the reference is not handicapped.
"""
from __future__ import annotations

import sys

import bibtexparser
from bibtexparser.middlewares import default_unparse_stack


def main() -> None:
    source, target = sys.argv[1:3]
    library = bibtexparser.parse_file(source)
    text = bibtexparser.write_string(library, unparse_stack=default_unparse_stack(allow_inplace_modification=True))
    with open(target, "w", encoding="utf-8") as out:
        out.write(text)
    print(f"{len(library.entries)} entries, {len(library.failed_blocks)} failed blocks", file=sys.stderr)


if __name__ == "__main__":
    main()
