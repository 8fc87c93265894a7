"""Write synthetic papers in the four scraped layouts and as BibTeX / CSL-JSON.

Each writer mirrors a seed family byte for byte in shape: no trailing newline, the same
separators, the same glue. Damage is applied to author text only, the way the seeds show it:
UTF-8 read as TIS-620 with the 0x80-0x9F bytes lost in transit (profile lists), UTF-8 read
as cp1252 (feeds and cards), and decomposed (NFD) accents.
"""
from __future__ import annotations

import json
import random
import unicodedata

from corpus import MONTHS, Author, Paper

TIS620_SHARE = 0.25  # of author lines with non-ASCII letters, in profile lists
CP1252_SHARE = 0.15  # of author lines with non-ASCII letters, in feeds and cards
NFD_SHARE = 0.05


def tis620_mojibake(text: str) -> str:
    """UTF-8 bytes shown as TIS-620 after every byte 0x80-0x9F was dropped ("Sören" → "Sรถren")."""
    kept = bytes(b for b in text.encode("utf-8") if not 0x80 <= b <= 0x9F)
    return kept.decode("tis_620", errors="ignore")


def cp1252_mojibake(text: str) -> str:
    """UTF-8 bytes shown as Windows-1252; its five unmapped bytes become C1 controls, as browsers do."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def damage(rng: random.Random, line: str, mojibake, share: float) -> str:
    """The author line, sometimes damaged; only lines whose names carry non-ASCII letters are."""
    if line.split(" · ")[0].isascii():
        return line
    roll = rng.random()
    if roll < share:
        return mojibake(line)
    if roll < share + NFD_SHARE:
        return unicodedata.normalize("NFD", line)
    return line


def family_with_particle(a: Author) -> str:
    return f"{a.particle} {a.family}" if a.particle else a.family


def flat_names(rng: random.Random, authors: tuple[Author, ...]) -> str:
    """`Family, Given, Family, Given` with organisations as `Org, null` (sometimes `, :, null`)."""
    tokens = []
    for a in authors:
        if a.literal:
            tokens += [a.literal, "null"] + ([":", "null"] if rng.random() < 0.5 else [])
        else:
            tokens += [family_with_particle(a), f"{a.given} {a.suffix}".strip()]
    return ", ".join(tokens)


def given_family(a: Author) -> str:
    return a.literal or " ".join(p for p in (a.given, a.particle, a.family, a.suffix) if p)


def byline(paper: Paper) -> str:
    """`Given Family, Given Family, Given Family et al. · aff1, aff2` (tail parts optional)."""
    text = ", ".join(given_family(a) for a in paper.authors[:3])
    if len(paper.authors) > 3:
        text += " et al."
    if paper.affiliations:
        text += " · " + ", ".join(paper.affiliations)
    return text


def printed_date(paper: Paper) -> str:
    return f"{MONTHS[paper.month - 1]} {paper.day}, {paper.year}"


def profile_list(rng: random.Random, owner: Author, papers: list[Paper]) -> str:
    """Owner line, then title / flat author list / abstract per paper."""
    lines = [f"{family_with_particle(owner)}, {owner.given}"]
    for p in papers:
        lines += [p.title, damage(rng, flat_names(rng, p.authors), tis620_mojibake, TIS620_SHARE), p.abstract]
    return "\n".join(lines)


def abstract_list(papers: list[Paper]) -> str:
    """One `Abstract:` line per paper."""
    return "\n".join(f"Abstract:{p.abstract}" for p in papers)


def listing_feed(rng: random.Random, papers: list[Paper]) -> str:
    """Head line / title glued to its byline / abstract; a few heads carry a score and no year."""
    lines = []
    for p in papers:
        letters = p.category[0]
        if rng.random() < 0.02:
            head = f"{rng.uniform(10, 99):.1f}{letters}{MONTHS[p.month - 1]} {p.day}"
        else:
            head = f"{letters}{printed_date(p)}"
        lines += [head, p.title + damage(rng, byline(p), cp1252_mojibake, CP1252_SHARE), p.abstract]
    return "\n".join(lines)


def profile_card(rng: random.Random, owner: Author, papers: list[Paper]) -> str:
    """Owner header with counts, then blank-separated head / title / byline / abstract blocks."""
    letters = [p.category[0] for p in papers]
    top = max(sorted(set(letters)), key=letters.count)
    n = len(papers)
    lines = [
        given_family(owner), "", top, f"h-index{rng.randint(5, 90)}", f"{n}papers",
        f"{rng.randint(100, 300_000):,}citations", f"Novelty{rng.randint(10, 90)}%",
        f"AI Score{rng.randint(10, 90)}", "", f"{n} Papers", "",
    ]
    for p in papers:
        code = "Code" if rng.random() < 0.2 else ""
        lines += [f"{p.category[0]}{printed_date(p)}{code}", p.title, "",
                  damage(rng, byline(p), cp1252_mojibake, CP1252_SHARE), "", p.abstract, ""]
    return "\n".join(lines[:-1])


LATEX_ACCENTS = {"ö": '{\\"o}', "ü": '{\\"u}', "ä": '{\\"a}', "é": "{\\'e}", "è": "{\\`e}",
                 "á": "{\\'a}", "í": "{\\'i}", "ó": "{\\'o}", "ñ": "{\\~n}", "ç": "{\\c c}", "ł": "{\\l}"}


def bib_name(rng: random.Random, a: Author) -> str:
    """`Family, Given`, particles first, organisations braced; some accents written as LaTeX."""
    if a.literal:
        return "{" + a.literal + "}"
    text = f"{family_with_particle(a)}, {a.suffix + ', ' if a.suffix else ''}{a.given}"
    if rng.random() < 0.3:
        text = "".join(LATEX_ACCENTS.get(c, c) for c in text)
    return text


def bib_title(title: str) -> str:
    """Acronyms braced the way careful users do: {LLMs}, {GPT}-4."""
    return " ".join("{" + w + "}" if sum(c.isupper() for c in w) > 1 else w for w in title.split(" "))


def bibtex(rng: random.Random, entries: list[tuple[str, Paper]]) -> str:
    """A user's .bib: @article / @inproceedings / arXiv @misc, month macros, abstracts."""
    blocks = []
    for key, p in entries:
        fields = [("title", "{" + bib_title(p.title) + "}"),
                  ("author", "{" + " and ".join(bib_name(rng, a) for a in p.authors) + "}"),
                  ("year", "{" + str(p.year) + "}"), ("month", MONTHS[p.month - 1].lower())]
        if p.kind == "preprint":
            kind = "misc"
            fields += [("eprint", "{" + p.arxiv + "}"), ("archivePrefix", "{arXiv}"), ("primaryClass", "{" + p.category[1] + "}")]
        else:
            kind = p.kind
            fields += [("journal" if kind == "article" else "booktitle", "{" + p.venue + "}"), ("doi", "{" + p.doi + "}")]
        fields += [("url", "{https://arxiv.org/abs/" + p.arxiv + "}"), ("abstract", "{" + p.abstract.replace("%", "\\%") + "}")]
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        blocks.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(blocks)


def csl_json(entries: list[tuple[str, Paper]]) -> str:
    """CSL-JSON items as Zotero / Better BibTeX export them."""
    items = []
    for key, p in entries:
        authors = []
        for a in p.authors:
            if a.literal:
                authors.append({"literal": a.literal})
                continue
            name = {"family": a.family, "given": a.given}
            if a.particle:
                name["non-dropping-particle"] = a.particle
            if a.suffix:
                name["suffix"] = a.suffix
            authors.append(name)
        item = {"id": key, "type": "article" if p.kind == "preprint" else
                ("article-journal" if p.kind == "article" else "paper-conference"),
                "title": p.title, "author": authors,
                "issued": {"date-parts": [[p.year, p.month, p.day]]}, "abstract": p.abstract,
                "URL": f"https://arxiv.org/abs/{p.arxiv}"}
        if p.kind == "preprint":
            item.update({"publisher": "arXiv", "number": f"arXiv:{p.arxiv}"})
        else:
            item.update({"container-title": p.venue, "DOI": p.doi})
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)
