"""Author text -> Person tuples: flat "Family, Given" lists and "Given Family" bylines."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.model import Person
from citekit.repair.flat_lists import parse_byline_or_pairs, parse_flat_list
from citekit.repair.names import has_stranded_particle, parse_byline, parse_given_family
from citekit.repair.placeholders import is_placeholder


def shown(people):
    return [p.display() for p in people]


FLAT_CASES = [
    {"label": "plain pairs with initials and CamelCase families",
     "text": "Bowman, Samuel R., DasSarma, Nova, O'Hara, Clare, McCandlish, Sam, Hatfield-Dodds, Zac",
     "expect": ["Bowman, Samuel R.", "DasSarma, Nova", "O'Hara, Clare", "McCandlish, Sam", "Hatfield-Dodds, Zac"]},
    {"label": "family that looks like a given name is never swapped",
     "text": "Joseph, Nicholas, McCandlish, Sam, Thomas, Kevin",
     "expect": ["Joseph, Nicholas", "McCandlish, Sam", "Thomas, Kevin"]},
    {"label": "byline flattened into pairs: organisation, colon and nulls",
     "text": "OpenAI, null, :, null, Berner, Christopher, Brockman, Greg",
     "expect": ["OpenAI", "Berner, Christopher", "Brockman, Greg"], "dropped": 3},
    {"label": "lone suffix after a pair does not shift the pairing",
     "text": "King, Martin Luther, Jr., Parks, Rosa, Doe, John, III, Roe, Jane",
     "expect": ["King, Martin Luther, Jr.", "Parks, Rosa", "Doe, John, III", "Roe, Jane"]},
    {"label": "suffix written into the family",
     "text": "Smith Jr., John, Roe, Jane", "expect": ["Smith, John, Jr.", "Roe, Jane"]},
    {"label": "BibTeX order Family, Jr., Given", "text": "Smith, Jr., John, Roe, Jane",
     "expect": ["Smith, John, Jr.", "Roe, Jane"]},
    {"label": "empty given and empty tokens", "text": "Plato, , Kant, Immanuel, , ",
     "expect": ["Plato", "Kant, Immanuel"], "dropped": 3},
    {"label": "placeholder standing where a family should be re-synchronises",
     "text": "Smith, John, N/A, Doe, Jane, Roe, Richard", "expect": ["Smith, John", "Doe, Jane", "Roe, Richard"], "dropped": 1},
    {"label": "organisation with no null after it",
     "text": "BigScience Workshop, Le Scao, Teven, Fan, Angela",
     "expect": ["BigScience Workshop", "Le Scao, Teven", "Fan, Angela"]},
    {"label": "one-word organisation without a null, the rest still pairs", "text": "OpenAI, Berner, Christopher, Brockman, Greg",
     "expect": ["OpenAI", "Berner, Christopher", "Brockman, Greg"]},
    {"label": "family that is also a company name", "text": "Apple, Michael, Smith, John",
     "expect": ["Apple, Michael", "Smith, John"]},
    {"label": "lowercase particles in the family", "text": "van der Maaten, Laurens, de la Cruz, Juan",
     "expect": ["van der Maaten, Laurens", "de la Cruz, Juan"]},
    {"label": "capitalised particle stays in the family as printed", "text": "Van Rossum, Guido",
     "expect": ["Van Rossum, Guido"]},
    {"label": "et al. at the end of a flat list is truncation, not an author", "text": "Smith, John, Doe, Jane, et al.",
     "expect": ["Smith, John", "Doe, Jane"], "truncated": True},
    {"label": "Portuguese compound given name kept whole", "text": "Pinto, Henrique Pondé de Oliveira",
     "expect": ["Pinto, Henrique Pondé de Oliveira"]},
]


@pytest.mark.parametrize("case", FLAT_CASES, ids=lambda c: c["label"])
def test_flat_list(case):
    parsed = parse_flat_list(case["text"])
    assert shown(parsed.people) == case["expect"]
    dropped = [d for d in parsed.diagnostics if d.code == "placeholder-author"]
    assert len(dropped) == case.get("dropped", 0)
    assert parsed.truncated == case.get("truncated", False)
    assert not any(is_placeholder(p.display()) for p in parsed.people)


def test_flat_organisation_is_one_literal_and_particle_goes_to_its_field():
    people = parse_flat_list("OpenAI, null, van der Maaten, Laurens").people
    assert people[0] == Person(literal="OpenAI")
    assert people[1] == Person(family="Maaten", given="Laurens", non_dropping_particle="van der")


def test_lowercase_particle_stranded_in_the_given_moves_to_the_particle_with_a_step():
    parsed = parse_flat_list("Maaten, Laurens van der")
    assert parsed.people == (Person(family="Maaten", given="Laurens", non_dropping_particle="van der"),)
    assert [(s.field, s.fixer) for s in parsed.steps] == [("author[0]", "particle_in_given")]


def test_capitalised_particle_stranded_in_the_given_is_kept_and_flagged():
    parsed = parse_flat_list("Ganguli, Deep, Showk, Sheer El, El-Showk, Sheer")
    assert parsed.people[1] == Person(family="Showk", given="Sheer El")
    assert parsed.people[2] == Person(family="El-Showk", given="Sheer")
    assert [d.code for d in parsed.diagnostics] == ["stranded-particle"]
    assert "Sheer El" in parsed.diagnostics[0].message


BYLINE_CASES = [
    {"label": "et al. and affiliations", "text": "Yuntao Bai, Saurav Kadavath, Sandipan Kundu et al. · anthropic, berkeley",
     "expect": ["Bai, Yuntao", "Kadavath, Saurav", "Kundu, Sandipan"], "truncated": True, "affiliations": ("anthropic", "berkeley")},
    {"label": "et al without the dot", "text": "Alec Radford, Jong Wook Kim et al",
     "expect": ["Radford, Alec", "Kim, Jong Wook"], "truncated": True},
    {"label": "and others", "text": "Tom B. Brown, Benjamin Mann and others", "expect": ["Brown, Tom B.", "Mann, Benjamin"], "truncated": True},
    {"label": "ellipsis after a comma", "text": "Tom B. Brown, Benjamin Mann, …", "expect": ["Brown, Tom B.", "Mann, Benjamin"],
     "truncated": True},
    {"label": "a family called Others is kept", "text": "Jane Others, John Roe", "expect": ["Others, Jane", "Roe, John"]},
    {"label": "no tail at all", "text": "Amanda Askell, Miles Brundage, Gillian Hadfield",
     "expect": ["Askell, Amanda", "Brundage, Miles", "Hadfield, Gillian"]},
    {"label": "Lithuanian letters kept", "text": "Ethan Perez, Sam Ringer, Kamilė Lukošiūtė et al. · anthropic",
     "expect": ["Perez, Ethan", "Ringer, Sam", "Lukošiūtė, Kamilė"], "truncated": True, "affiliations": ("anthropic",)},
    {"label": "organisations are single literals",
     "text": "Google DeepMind, LIGO Scientific Collaboration, The ATLAS Collaboration, OpenAI, Rohan Anil",
     "expect": ["Google DeepMind", "LIGO Scientific Collaboration", "The ATLAS Collaboration", "OpenAI", "Anil, Rohan"]},
    {"label": "suffix after a comma joins the person before", "text": "Martin Luther King, Jr., Rosa Parks",
     "expect": ["King, Martin Luther, Jr.", "Parks, Rosa"]},
    {"label": "final and", "text": "Noah Goodman, Jesse Mu and Jacob Andreas",
     "expect": ["Goodman, Noah", "Mu, Jesse", "Andreas, Jacob"]},
    {"label": "foundation with and in its name stays whole", "text": "Bill and Melinda Gates Foundation, Jane Roe",
     "expect": ["Bill and Melinda Gates Foundation", "Roe, Jane"]},
    {"label": "affiliation marker read as TIS-620 mojibake", "text": "Yuntao Bai, Andy Jones et al. ยท berkeley, openai",
     "expect": ["Bai, Yuntao", "Jones, Andy"], "truncated": True, "affiliations": ("berkeley", "openai")},
    {"label": "placeholder in a byline is dropped", "text": "Yuntao Bai, null, Andy Jones",
     "expect": ["Bai, Yuntao", "Jones, Andy"]},
]


@pytest.mark.parametrize("case", BYLINE_CASES, ids=lambda c: c["label"])
def test_byline(case):
    parsed = parse_byline(case["text"])
    assert shown(parsed.people) == case["expect"]
    assert parsed.truncated == case.get("truncated", False)
    assert parsed.affiliations == case.get("affiliations", ())
    assert not any(p.display().lower() in {"et al.", "others", "et al"} for p in parsed.people)


GIVEN_FAMILY_CASES = [
    {"label": "two Dutch particles", "text": "Laurens van der Maaten",
     "expect": Person(family="Maaten", given="Laurens", non_dropping_particle="van der")},
    {"label": "Spanish particles", "text": "Juan de la Cruz", "expect": Person(family="Cruz", given="Juan", non_dropping_particle="de la")},
    {"label": "capitalised particle opens the family", "text": "Guido Van Rossum", "expect": Person(family="Van Rossum", given="Guido")},
    {"label": "French family beginning with Le", "text": "Teven Le Scao", "expect": Person(family="Le Scao", given="Teven")},
    {"label": "short family that looks like a particle, last", "text": "Quoc V. Le", "expect": Person(family="Le", given="Quoc V.")},
    {"label": "Vietnamese family Do, last", "text": "Minh Do", "expect": Person(family="Do", given="Minh")},
    {"label": "East Asian name as printed", "text": "Jong Wook Kim", "expect": Person(family="Kim", given="Jong Wook")},
    {"label": "hyphenated given", "text": "Ming-Wei Chang", "expect": Person(family="Chang", given="Ming-Wei")},
    {"label": "hyphenated family with particle-like start", "text": "Sheer El-Showk", "expect": Person(family="El-Showk", given="Sheer")},
    {"label": "Arabic family with al- prefix kept as printed", "text": "Muhammad al-Khwarizmi",
     "expect": Person(family="al-Khwarizmi", given="Muhammad")},
    {"label": "suffix", "text": "John Smith III", "expect": Person(family="Smith", given="John", suffix="III")},
    {"label": "mononym", "text": "Plato", "expect": Person(literal="Plato")},
    {"label": "family Ai is not the organisation word AI", "text": "Weiwei Ai", "expect": Person(family="Ai", given="Weiwei")},
    {"label": "all-capitals family is still a person", "text": "Wei ZHANG", "expect": Person(family="ZHANG", given="Wei")},
]


@pytest.mark.parametrize("case", GIVEN_FAMILY_CASES, ids=lambda c: c["label"])
def test_given_family_name(case):
    assert parse_given_family(case["text"]) == case["expect"]


def test_stranded_particle_shape():
    assert has_stranded_particle(Person(family="Showk", given="Sheer El"))
    assert has_stranded_particle(Person(family="Scao", given="Teven Le"))
    assert not has_stranded_particle(Person(family="Le", given="Quoc V."))
    assert not has_stranded_particle(Person(family="Pinto", given="Henrique Pondé de Oliveira"))
    assert not has_stranded_particle(Person(literal="El"))


@pytest.mark.parametrize("token,expect", [("null", True), (":", True), ("", True), ("None", True), ("N/A", True), ("-", True),
                                          ("Na", False), ("Nan", False), ("Le", False), ("O'Hara", False)])
def test_placeholders(token, expect):
    assert is_placeholder(token) == expect


FAMILIES = ["Kadavath", "DasSarma", "O'Hara", "Hatfield-Dodds", "McCandlish", "Le", "Kim", "Lukošiūtė", "Joseph", "Apple"]
GIVENS = ["Saurav", "Nicholas", "Jong Wook", "Samuel R.", "Kamilė", "J.", "Ann-Marie", "Thomas I.", "Teven"]
ORGANISATIONS = ["OpenAI", "Google DeepMind", "BigScience Workshop", "The ATLAS Collaboration"]
entry = st.one_of(
    st.tuples(st.sampled_from(FAMILIES), st.sampled_from(GIVENS), st.sampled_from(["", "Jr.", "III"])).map(lambda t: ("person", t)),
    st.sampled_from(ORGANISATIONS).map(lambda o: ("organisation", o)),
    st.sampled_from(ORGANISATIONS[1:]).map(lambda o: ("organisation without null", o)),
    st.sampled_from([":, null", "null, null", ", "]).map(lambda p: ("placeholders", p)),
)


@given(st.lists(entry, min_size=1, max_size=8))
@settings(max_examples=500, deadline=None)
def test_flattened_lists_pair_back_into_the_people_they_came_from(entries):
    tokens, expected = [], []
    for kind, value in entries:
        if kind == "person":
            family, given_name, suffix = value
            tokens += [family, given_name] + ([suffix] if suffix else [])
            expected.append(Person(family=family, given=given_name, suffix=suffix or None))
        elif kind == "organisation":
            tokens += [value, "null"]
            expected.append(Person(literal=value))
        elif kind == "organisation without null":
            tokens.append(value)
            expected.append(Person(literal=value))
        else:
            tokens.append(value)
    assert parse_flat_list(", ".join(tokens)).people == tuple(expected)


AUTHOR_LINE_CASES = [
    {"label": "Family, Given pairs where a byline belongs", "text": "Bowman, Samuel R., Hyun, Jeeyoon, Perez, Ethan et al. · anthropic",
     "expect": ["Bowman, Samuel R.", "Hyun, Jeeyoon", "Perez, Ethan"], "truncated": True, "flat": True},
    {"label": "an ordinary byline stays a byline", "text": "Samuel R. Bowman, Jeeyoon Hyun, Ethan Perez, Amanda Askell",
     "expect": ["Bowman, Samuel R.", "Hyun, Jeeyoon", "Perez, Ethan", "Askell, Amanda"], "truncated": False, "flat": False},
    {"label": "organisations are not single-word names", "text": "OpenAI, Google DeepMind, Anthropic, Meta AI",
     "expect": ["OpenAI", "Google DeepMind", "Anthropic", "Meta AI"], "truncated": False, "flat": False},
]


@pytest.mark.parametrize("case", AUTHOR_LINE_CASES, ids=lambda c: c["label"])
def test_author_line_in_either_order(case):
    parsed = parse_byline_or_pairs(case["text"])
    assert shown(parsed.people) == case["expect"]
    assert parsed.truncated == case["truncated"]
    assert any(d.code == "flat-byline" for d in parsed.diagnostics) == case["flat"]
