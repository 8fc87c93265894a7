"""Generate seeded benchmark inputs: scraped layouts, a .bib and a CSL-JSON file per size.

A size counts source records. Each paper appears in one to four of the four scraped layouts
(never only in the abstract list, which carries no title); profile lists and cards belong to
an owner who is always among the paper's authors. The same seed and size write the same
bytes. Output: DATA/<size>/{scraped/*.txt, bib/library.bib, csl/library.json, manifest.json}.

    uv run python benchmarks/generate.py --sizes 1000,10000,100000
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import layouts  # noqa: E402
from corpus import Author, Paper, make_papers  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LAYOUTS = ("profile_list", "abstract_list", "listing_feed", "profile_card")
SOURCES_PER_PAPER = ((1, 35), (2, 35), (3, 20), (4, 10))
RECORDS_PER_FILE = {"profile_list": 200, "profile_card": 150, "listing_feed": 500, "abstract_list": 1000}
DUPLICATE_SHARE = 0.02  # of .bib / CSL-JSON entries that re-import a paper under another key
STOPWORDS = {"a", "an", "the", "of", "on", "in", "for", "to", "and", "with", "from", "via", "under",
             "without", "through", "towards"}


def plan_sources(rng: random.Random, papers: list[Paper], size: int) -> dict[str, list[int]]:
    """Which papers each layout shows, `size` records in all; abstract-only papers are avoided."""
    shown: dict[str, list[int]] = {name: [] for name in LAYOUTS}
    total = 0
    for paper in papers:
        if total >= size:
            break
        k = rng.choices([k for k, _ in SOURCES_PER_PAPER], [w for _, w in SOURCES_PER_PAPER])[0]
        chosen = rng.sample(LAYOUTS, min(k, size - total))
        if chosen == ["abstract_list"]:
            chosen = [rng.choice(LAYOUTS[:1] + LAYOUTS[2:])]
        for name in chosen:
            shown[name].append(paper.index)
        total += len(chosen)
    return shown


def assign_owners(
    rng: random.Random, papers: dict[int, Paper], indexes: list[int], per_file: int, pinned: dict[int, set[Author]]
) -> dict[Author, list[int]]:
    """Group papers under owners (about `per_file` each), making each owner an author of their papers.

    An owner who is not yet an author replaces one who is not `pinned` (an owner elsewhere)."""
    wanted = max(1, round(len(indexes) / per_file))
    pool: dict[Author, list[int]] = {}
    for index in indexes:
        for author in papers[index].authors:
            if len(pool) < wanted and not author.literal and author.given and author not in pool:
                pool[author] = []
    owners = list(pool)
    for index in indexes:
        owner = owners[rng.randrange(len(owners))]
        paper = papers[index]
        if owner not in paper.authors:
            keep = pinned.setdefault(index, set())
            people = [i for i, a in enumerate(paper.authors) if not a.literal and a not in keep]
            authors = list(paper.authors)
            authors[rng.choice(people)] = owner
            papers[index] = dataclasses.replace(paper, authors=tuple(authors))
        pinned.setdefault(index, set()).add(owner)
        pool[owner].append(index)
    return {owner: found for owner, found in pool.items() if found}


def write_scraped(folder: Path, seed: int, size: int, papers: list[Paper]) -> dict[str, int]:
    """The four scraped layouts under `folder`; returns records per file name."""
    rng = random.Random(f"citekit-benchmark-sources-{seed}-{size}")
    shown = plan_sources(rng, papers, size)
    by_index = {p.index: p for p in papers}
    pinned: dict[int, set[Author]] = {}
    card_owners = assign_owners(rng, by_index, shown["profile_card"], RECORDS_PER_FILE["profile_card"], pinned)
    list_owners = assign_owners(rng, by_index, shown["profile_list"], RECORDS_PER_FILE["profile_list"], pinned)
    files: dict[str, tuple[str, int]] = {}

    def pick(indexes: list[int]) -> list[Paper]:
        ordered = [by_index[i] for i in indexes]
        rng.shuffle(ordered)
        return ordered

    for n, (owner, indexes) in enumerate(list_owners.items(), 1):
        files[f"profile-list-{n:04d}.txt"] = (layouts.profile_list(rng, owner, pick(indexes)), len(indexes))
    for n, (owner, indexes) in enumerate(card_owners.items(), 1):
        files[f"profile-card-{n:04d}.txt"] = (layouts.profile_card(rng, owner, pick(indexes)), len(indexes))
    feed = pick(shown["listing_feed"])
    for n, start in enumerate(range(0, len(feed), RECORDS_PER_FILE["listing_feed"]), 1):
        part = feed[start:start + RECORDS_PER_FILE["listing_feed"]]
        files[f"listing-feed-{n:04d}.txt"] = (layouts.listing_feed(rng, part), len(part))
    abstracts = pick(shown["abstract_list"])
    for n, start in enumerate(range(0, len(abstracts), RECORDS_PER_FILE["abstract_list"]), 1):
        part = abstracts[start:start + RECORDS_PER_FILE["abstract_list"]]
        files[f"abstract-list-{n:04d}.txt"] = (layouts.abstract_list(part), len(part))
    folder.mkdir(parents=True, exist_ok=True)
    for name, (text, _) in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return {name: count for name, (_, count) in sorted(files.items())}


def ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", folded)


def library_entries(rng: random.Random, papers: list[Paper], size: int) -> list[tuple[str, Paper]]:
    """`size` (key, paper) entries keyed like Better BibTeX, a few papers imported twice."""
    duplicates = int(size * DUPLICATE_SHARE)
    chosen = papers[: size - duplicates]
    chosen += [chosen[rng.randrange(len(chosen))] for _ in range(duplicates)] if chosen else []
    seen: set[str] = set()
    entries = []
    for paper in chosen:
        first = paper.authors[0]
        words = [w for w in paper.title.split() if w.lower() not in STOPWORDS][:3]
        base = ascii_word(first.literal or first.family).lower() + "".join(ascii_word(w).capitalize() for w in words) + str(paper.year)
        key, n = base, 0
        while key.lower() in seen:
            n += 1
            key = base + chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        seen.add(key.lower())
        entries.append((key, paper))
    return entries


def generate(out: Path, seed: int, size: int, library: bool = True) -> dict:
    """Write the inputs for one size under `out` (the .bib / CSL-JSON only with `library`);
    returns (and writes) the manifest."""
    papers = make_papers(seed, size)
    scraped = write_scraped(out / "scraped", seed, size, papers)
    manifest: dict = {"seed": seed, "size": size, "scraped_records": sum(scraped.values()), "scraped_files": scraped}
    if library:
        entries = library_entries(random.Random(f"citekit-benchmark-library-{seed}-{size}"), papers, size)
        (out / "bib").mkdir(parents=True, exist_ok=True)
        (out / "csl").mkdir(parents=True, exist_ok=True)
        bib_rng = random.Random(f"citekit-benchmark-bib-{seed}-{size}")
        (out / "bib" / "library.bib").write_text(layouts.bibtex(bib_rng, entries), encoding="utf-8", newline="")
        (out / "csl" / "library.json").write_text(layouts.csl_json(entries), encoding="utf-8", newline="")
        manifest["library_entries"] = len(entries)
        manifest["library_distinct_papers"] = len({p.index for _, p in entries})
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated record counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        manifest = generate(args.out / str(size), args.seed, size)
        print(f"{args.out / str(size)}: {manifest['scraped_records']} scraped records in "
              f"{len(manifest['scraped_files'])} files, {manifest['library_entries']} .bib / CSL-JSON entries")


if __name__ == "__main__":
    main()
