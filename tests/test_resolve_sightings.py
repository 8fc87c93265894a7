"""collect_sightings keeps, per spelling and repair quality, the earliest author by span then by
position, in the order of the authors kept: checked against a by-hand version over generated works
whose records share Person objects, repeat names, tie on spans and carry repairs and guesses."""
from dataclasses import astuple

from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.model import Person, RepairedRecord, RepairStep, SourceRecord, SourceSpan, UncertainName, Work
from citekit.resolve.matching import in_span_order
from citekit.resolve.sightings import collect_sightings

NAMES = [("Lukošiūtė", "Kamilė"), ("Lukosiute", "Kamile"), ("Bowman", "Sam"), ("Bowman", "Samuel R."), ("Kadavath", "Saurav")]
SHARED = [Person(family=f, given=g) for f, g in NAMES]  # one object per spelling, as readers share them


def by_hand(works):
    """Walk every author in work order; keep a (spelling, quality) sighting when its span is earlier."""
    kept = {}
    position = 0
    for work in works:
        for record in work.records:
            guessed = {u.author_index for u in record.uncertain_names}
            repaired = {int(s.field[len("author["):s.field.index("]")]) for s in record.steps if s.field.startswith("author[")}
            for index, person in enumerate(record.authors):
                quality = 0 if index in guessed else 1 if index in repaired else 2
                key = (astuple(person), quality)
                if key not in kept or record.span < kept[key][1]:
                    kept[key] = (position, record.span, person, quality)
                position += 1
    return [(person, span, quality) for _, span, person, quality in sorted(kept.values(), key=lambda k: k[0])]


author = st.one_of(
    st.sampled_from(SHARED),
    st.sampled_from(NAMES).map(lambda name: Person(family=name[0], given=name[1])),  # an equal but distinct object
)


@st.composite
def record(draw):
    authors = tuple(draw(st.lists(author, max_size=5)))
    span = SourceSpan(draw(st.sampled_from(["a.txt", "b.txt"])), draw(st.integers(1, 4)), 9)  # spans tie often
    indices = st.integers(0, max(len(authors) - 1, 0))
    guessed = draw(st.lists(indices, max_size=2)) if authors else []
    repaired = draw(st.lists(indices, max_size=2)) if authors else []
    steps = [RepairStep(f"author[{i}].family", "mojibake", "x", "y") for i in repaired]
    if draw(st.booleans()):
        steps.append(RepairStep("title", "mojibake", "x", "y"))
    return RepairedRecord(
        SourceRecord(span, "profile_list", "raw", {}), title="T", authors=authors,
        steps=tuple(steps), uncertain_names=tuple(UncertainName(i, "family", "x") for i in guessed),
    )


def span_ranks(works):
    return in_span_order(record for work in works for record in work.records)[1]


def work(records):
    return Work("article", "T", records[0].authors, False, None, None, None, {}, tuple(records))


@given(st.lists(st.lists(record(), min_size=1, max_size=3).map(work), max_size=6))
@settings(max_examples=400, deadline=None)
def test_sightings_are_the_earliest_of_each_spelling_and_quality(works):
    sightings, _ = collect_sightings(works, span_ranks(works))
    assert [(s.person, s.span, s.quality) for s in sightings] == by_hand(works)


def test_a_spelling_seen_clean_and_guessed_is_two_sightings_at_their_own_earliest_spans():
    guessed = RepairedRecord(SourceRecord(SourceSpan("a.txt", 1, 2), "profile_list", "raw", {}), title="T",
                             authors=(SHARED[0],), uncertain_names=(UncertainName(0, "family", "x"),))
    clean_late = RepairedRecord(SourceRecord(SourceSpan("b.txt", 1, 2), "profile_list", "raw", {}), title="U", authors=(SHARED[0],))
    clean_early = RepairedRecord(SourceRecord(SourceSpan("a.txt", 5, 6), "profile_list", "raw", {}), title="V",
                                 authors=(Person(family=NAMES[0][0], given=NAMES[0][1]),))
    works = [work([guessed]), work([clean_late]), work([clean_early])]
    sightings, _ = collect_sightings(works, span_ranks(works))
    assert [(str(s.span), s.quality) for s in sightings] == [("a.txt:1", 0), ("a.txt:5", 2)]
