"""Resolve's batch shortcuts give exactly what the general paths they skip would give.

Each shortcut is compared with the product's own general function on real records (the seeds,
the fixture exports and layouts, a generated benchmark corpus with diacritics, mojibake and lost
bytes) and on generated names that collide on purpose (accented / ASCII spellings, near misses,
stranded particles, organisations, guessed parts).
"""
from operator import attrgetter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.model import Person, RepairedRecord, RepairStep, SourceRecord, SourceSpan, UncertainName, Work
from citekit.resolve import resolve
from citekit.resolve.clustering import cluster_records
from citekit.resolve.matching import in_span_order, record_order, title_key, title_keys
from citekit.resolve.merging import author_order, date_order, least_by_value, merge_cluster, pick, ranked_first
from citekit.resolve.people import PeopleIndex, Respellings, unify_people, unify_work
from citekit.resolve.sightings import (
    accent_counts, accented_letters, collect_sightings, identity_from_fields, person_fields, person_identity,
)
from benchmark_corpus import write_benchmark_corpus
from repaired_inputs import repaired_records

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    """A small benchmark corpus (benchmarks/generate.py; its data/ folder is not committed)."""
    return write_benchmark_corpus(tmp_path_factory.mktemp("corpus"))


INPUTS = [
    {"label": "bundled seeds", "paths": lambda corpus: []},
    {"label": "fixture exports and layouts", "paths": lambda corpus: sorted(
        p for folder in ("bib", "ris", "csljson", "layouts") for p in (FIXTURES / folder).iterdir())},
    {"label": "generated scraped corpus", "paths": lambda corpus: [corpus / "scraped"]},
    {"label": "generated .bib library", "paths": lambda corpus: [corpus / "bib" / "library.bib"]},
]


@pytest.fixture(scope="module", params=INPUTS, ids=[case["label"] for case in INPUTS])
def records(request, generated_corpus):
    found = repaired_records(request.param["paths"](generated_corpus))
    assert found, "the input must give records"
    return found


def merged_works(records):
    """The works resolve hands to unify_people, and the ranks of their records' spans."""
    records, span_rank = in_span_order(records)
    clusters, _ = cluster_records(records, title_keys(r.title for r in records))
    return [merge_cluster(cluster)[0] for cluster in clusters], span_rank


def span_ranks(works):
    return in_span_order(record for work in works for record in work.records)[1]


# --- title keys ---------------------------------------------------------------------------------

def test_title_keys_equal_title_key_on_real_titles(records):
    titles = [r.title for r in records]
    assert title_keys(titles) == {title: title_key(title) for title in titles if title}


@given(st.lists(st.one_of(st.none(), st.text(), st.text(alphabet="aZ0 -{}\\'\n\r\u2028\u00e9\u00df\u0130\u2460\u212a"))))
@settings(max_examples=300, deadline=None)
def test_title_keys_equal_title_key_on_any_text(titles):
    assert title_keys(titles) == {title: title_key(title) for title in titles if title}


# --- people ---------------------------------------------------------------------------------------

NAME_TEXT = st.one_of(st.none(), st.sampled_from(["", "El", "Sheer El", "van der", "Lukošiūtė", "Łukasz", "Müller", "O'Neil", "İnci"]),
                      st.text(alphabet="abAZ -.é\u0301ß\u00a0", max_size=6))


@given(st.lists(st.builds(Person, NAME_TEXT, NAME_TEXT, NAME_TEXT, NAME_TEXT, NAME_TEXT, NAME_TEXT), max_size=8))
@settings(max_examples=300, deadline=None)
def test_accents_and_identities_from_fields_equal_those_of_the_people(people):
    fields = list(map(person_fields, people))
    assert accent_counts(people, fields) == list(map(accented_letters, people))
    assert list(map(identity_from_fields, fields)) == list(map(person_identity, people))


def sighted_changes_asking_every_name(works, span_rank):
    """The general path of Respellings.of_sighted: every sighted name asked."""
    index = PeopleIndex(collect_sightings(works, span_rank)[0])
    respelled = Respellings(index)
    return {fields: better for fields, seen in index.sighted.items() if (better := respelled(seen.person, {}))}


def unify_every_work(works, span_rank):
    """The general path of unify_people: unify_work on every work."""
    respelled = Respellings(PeopleIndex(collect_sightings(works, span_rank)[0]))
    changes = respelled.of_sighted()
    unified, diagnostics = [], []
    for work in works:
        new, found = unify_work(work, respelled, changes)
        unified.append(new)
        diagnostics += found
    return unified, diagnostics


def test_sighted_names_that_change_equal_asking_every_name_on_real_records(records):
    works, span_rank = merged_works(records)
    assert Respellings(PeopleIndex(collect_sightings(works, span_rank)[0])).of_sighted() == sighted_changes_asking_every_name(works, span_rank)


def test_unify_people_equals_unifying_every_work_on_real_records(records):
    works, span_rank = merged_works(records)
    assert unify_people(works, span_rank) == unify_every_work(works, span_rank)


def test_the_generated_inputs_do_exercise_name_changes(generated_corpus):
    works, span_rank = merged_works(repaired_records([generated_corpus / "scraped", generated_corpus / "bib" / "library.bib"]))
    unified, diagnostics = unify_people(works, span_rank)
    assert sum(d.code == "name-unified" for d in diagnostics) > 10


# Names that collide on purpose: one person in accented, ASCII, near-miss and guessed spellings,
# a stranded particle and its joined form, an organisation, legitimate variants.
NAMES = [
    Person("Lukošiūtė", "Kamilė"), Person("Lukosiute", "Kamile"), Person("Lukosuite", "Kamile"), Person("Lukošiūtą", "Kamilė"),
    Person("Showk", "Sheer El"), Person("El-Showk", "Sheer"), Person("Bowman", "Sam"), Person("Bowman", "Samuel R."),
    Person("Maaten", "Laurens", "van der"), Person(literal="OpenAI"), Person("Mercado", "Noemí"), Person("Mercado", "Noemi"),
]
PATTERNS = ["Lukošiūt[\u0100-\u011f]", "Lukošiūt(?:ė|ą)", "Noem[íi]", "[A-Z]owman"]


@st.composite
def record(draw):
    authors = tuple(draw(st.lists(st.one_of(
        st.sampled_from(NAMES),
        st.sampled_from(NAMES).map(lambda p: Person(p.family, p.given, p.non_dropping_particle, literal=p.literal)),
    ), max_size=5)))
    span = SourceSpan(draw(st.sampled_from(["a.txt", "b.txt"])), draw(st.integers(1, 6)), 9)
    index = st.integers(0, max(len(authors) - 1, 0))
    guessed = [UncertainName(draw(index), draw(st.sampled_from(["family", "given"])), draw(st.sampled_from(PATTERNS)))
               for _ in range(draw(st.integers(0, 2)))] if authors else []
    repaired = draw(st.lists(index, max_size=2)) if authors else []
    return RepairedRecord(
        SourceRecord(span, "profile_list", "raw", {}), title="T", authors=authors,
        steps=tuple(RepairStep(f"author[{i}].family", "mojibake", "x", "y") for i in repaired), uncertain_names=tuple(guessed),
    )


def work_of(records):
    return Work("article", "T", records[0].authors, False, None, None, None, {}, tuple(records))


@given(st.lists(st.lists(record(), min_size=1, max_size=3).map(work_of), max_size=8))
@settings(max_examples=300, deadline=None)
def test_batch_people_paths_equal_the_general_ones_on_colliding_names(works):
    span_rank = span_ranks(works)
    assert Respellings(PeopleIndex(collect_sightings(works, span_rank)[0])).of_sighted() == sighted_changes_asking_every_name(works, span_rank)
    assert unify_people(works, span_rank) == unify_every_work(works, span_rank)


# --- merging ------------------------------------------------------------------------------------

# What merge_many picks, as (value, order) pairs.
PICKED = [
    (attrgetter("title"), None), (attrgetter("authors"), author_order), (attrgetter("issued"), date_order),
    (attrgetter("abstract"), lambda r: -len(r.abstract)), (lambda r: r.category or r.category_letters, None),
    (attrgetter("container_title"), None), (attrgetter("csl_type"), None), (attrgetter("pinned_key"), None),
]


def test_pick_equals_the_tie_break_by_value_on_real_clusters(records):
    records = in_span_order(records)[0]
    clusters, _ = cluster_records(records, title_keys(r.title for r in records))
    for cluster in (c for c in clusters if len(c) > 1):
        for value, order in PICKED:
            candidates = ranked_first(cluster, value, order)
            general = least_by_value(candidates, value) if len(candidates) > 1 else candidates[0] if candidates else None
            assert pick(cluster, value, order) is general


def test_the_generated_library_has_duplicates_with_one_value(generated_corpus):
    records = in_span_order(repaired_records([generated_corpus / "bib" / "library.bib"]))[0]
    clusters, _ = cluster_records(records, title_keys(r.title for r in records))
    tied = [c for c in clusters if len(c) > 1 and len({r.title for r in ranked_first(c, attrgetter("title"), None)}) == 1]
    assert len(tied) > 10


# --- span order -----------------------------------------------------------------------------------

@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt"]), st.integers(1, 3), st.integers(3, 4)), max_size=12))
@settings(max_examples=200, deadline=None)
def test_records_in_span_order_rank_equal_spans_equally(spans):
    records = [RepairedRecord(SourceRecord(SourceSpan(*span), "profile_list", "raw", {})) for span in spans]
    ordered, rank = in_span_order(records)
    assert ordered == sorted(records, key=record_order) and all(a is b for a, b in zip(ordered, sorted(records, key=record_order)))
    for a in records:
        for b in records:
            assert (rank[id(a)] < rank[id(b)]) == (record_order(a) < record_order(b))
            assert (rank[id(a)] == rank[id(b)]) == (a.span == b.span)


# --- output order ---------------------------------------------------------------------------------

def test_works_come_out_by_title_key_then_first_span(records):
    works, _ = resolve(records)
    assert works == sorted(works, key=lambda w: (title_key(w.title) or "", w.spans[0]))
