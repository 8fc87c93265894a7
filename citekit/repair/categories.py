"""Category letters as listings print them ("CL", "SOC-PH") -> an arXiv category, or None.

Listings print the subject class after the dot, upper-cased: cs.CL -> "CL", physics.soc-ph ->
"SOC-PH", nlin.AO -> "AO". The table below is the arXiv taxonomy; letters shared by several
canonical categories (CV: cs.CV / math.CV) are ambiguous and resolve to None, never a guess.
Aliases (cs.NA = math.NA, ...) count as their canonical category.
"""
from __future__ import annotations

from collections import defaultdict

ARXIV_CATEGORIES = (
    # Computer science
    *(f"cs.{c}" for c in (
        "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NE NI OH OS "
        "PF PL RO SC SD SE SI"
    ).split()),
    # Mathematics
    *(f"math.{c}" for c in (
        "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO KT LO MG NA NT OA OC PR QA RA RT SG SP ST"
    ).split()),
    *(f"stat.{c}" for c in "AP CO ME ML OT".split()),
    *(f"eess.{c}" for c in "AS IV SP SY".split()),
    *(f"econ.{c}" for c in "EM GN TH".split()),
    *(f"q-bio.{c}" for c in "BM CB GN MN NC OT PE QM SC TO".split()),
    *(f"q-fin.{c}" for c in "CP GN MF PM PR RM ST TR".split()),
    *(f"astro-ph.{c}" for c in "CO EP GA HE IM SR".split()),
    *(f"nlin.{c}" for c in "AO CD CG PS SI".split()),
    *(f"cond-mat.{c}" for c in (
        "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con"
    ).split()),
    *(f"physics.{c}" for c in (
        "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph flu-dyn "
        "gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph"
    ).split()),
    # Archives without subject classes print their own name.
    "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nucl-ex", "nucl-th", "quant-ph",
)

# arXiv aliases: the left one is listed under the right one.
ALIASES = {
    "cs.NA": "math.NA", "cs.SY": "eess.SY", "math.IT": "cs.IT", "math.MP": "math-ph",
    "q-fin.EC": "econ.GN", "stat.TH": "math.ST",
}


def build_letters_table() -> dict[str, frozenset[str]]:
    """Printed letters -> the canonical categories they may stand for."""
    table: dict[str, set[str]] = defaultdict(set)
    for category in (*ARXIV_CATEGORIES, *ALIASES):
        letters = category.split(".", 1)[-1].upper()
        table[letters].add(ALIASES.get(category, category))
    return {letters: frozenset(found) for letters, found in table.items()}


LETTERS = build_letters_table()


def categories_for_letters(letters: str) -> frozenset[str]:
    """Every canonical arXiv category these printed letters may stand for (empty when unknown)."""
    return LETTERS.get(letters.strip().upper(), frozenset())


def category_for_letters(letters: str) -> str | None:
    """The one arXiv category these letters stand for; None when unknown or ambiguous."""
    found = categories_for_letters(letters)
    return next(iter(found)) if len(found) == 1 else None
