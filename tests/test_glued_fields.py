"""split_glued on feed lines whose title runs into the first author's given name."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citekit.model import Person
from citekit.repair.glued_fields import NameEvidence, split_glued, trailing_names
from citekit.repair.names import parse_byline

FIXTURES = Path(__file__).parent / "fixtures" / "repair"
SEEDS = Path(__file__).parent.parent / "seeds"


def glued_lines(path: Path) -> list[str]:
    """The second line of each head / glued line / abstract group of a listing feed."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines[1::3]


TRICKY = glued_lines(FIXTURES / "feed-tricky-glue.txt")

# Expected splits of tests/fixtures/repair/feed-tricky-glue.txt, in file order.
TRICKY_CASES = [
    {"label": "plain word then a Chinese name", "title": "Deep Residual Learning for Image Recognition",
     "first": "He, Kaiming", "count": 3},
    {"label": "closing parenthesis after a version number", "title": "Language Models are Few-Shot Learners (GPT-3)",
     "first": "Brown, Tom B.", "count": 3},
    {"label": "CamelCase product name", "title": "Automatic differentiation in PyTorch", "first": "Paszke, Adam", "count": 3},
    {"label": "digit then an accented capital", "title": "Sparks of Artificial General Intelligence: Early experiments with GPT-4",
     "first": "Bubeck, Sébastien", "count": 3},
    {"label": "hyphenated acronym then a particle name", "title": "Visualizing Data using t-SNE",
     "first": "van der Maaten, Laurens", "count": 2},
    {"label": "colon in title, hyphenated second given name",
     "title": "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
     "first": "Devlin, Jacob", "count": 3},
    {"label": "commas and ampersand inside the title",
     "title": "Scaling Language Models: Methods, Analysis & Insights from Training Gopher", "first": "Rae, Jack W.", "count": 3},
    {"label": "organisation as first author", "title": "Gemini: A Family of Highly Capable Multimodal Models",
     "first": "Gemini Team", "count": 3},
    {"label": "question mark ends the title", "title": "Jailbroken: How Does LLM Safety Training Fail?",
     "first": "Wei, Alexander", "count": 3},
    {"label": "CamelCase model name after a colon",
     "title": "Aggregated Residual Transformations for Deep Neural Networks: ResNeXt", "first": "Xie, Saining", "count": 3},
    {"label": "CamelCase acronym opens the title", "title": "LaMDA: Language Models for Dialog Applications",
     "first": "Thoppilan, Romal", "count": 3},
]


@pytest.mark.parametrize("case", TRICKY_CASES, ids=lambda c: c["label"])
def test_tricky_glue_splits_at_the_first_author(case):
    line = TRICKY[TRICKY_CASES.index(case)]
    split = split_glued(line, NameEvidence())
    assert split is not None
    assert split.title == case["title"]
    assert split.title + split.byline == line  # nothing lost, nothing added
    people = parse_byline(split.byline).people
    assert people[0].display() == case["first"]
    assert len(people) == case["count"]


def test_camelcase_organisation_first_author_needs_evidence():
    line = TRICKY[11]
    assert line.startswith("BLOOM")
    assert split_glued(line, NameEvidence()) is None  # "ModelBig|Science Workshop" or "Model|BigScience Workshop"
    evidence = NameEvidence.from_people([Person(literal="BigScience Workshop")])
    split = split_glued(line, evidence)
    assert split.title == "BLOOM: A 176B-Parameter Open-Access Multilingual Language Model"
    assert split.rule == "name seen elsewhere"
    assert parse_byline(split.byline).people[0] == Person(literal="BigScience Workshop")


def test_acronym_glued_to_bare_initials_needs_evidence():
    line = TRICKY[12]
    assert split_glued(line, NameEvidence()) is None  # AI + "AJ Piergiovanni" or A + "IAJ ..."
    split = split_glued(line, NameEvidence.from_people([Person(family="Piergiovanni", given="AJ")]))
    assert split.title == "Evaluating Video Models for Trustworthy AI"


def test_acronym_glued_to_a_dotted_initial_splits_before_the_initial():
    split = split_glued("Attention is not Explanation in NLPS. Jain, Byron C. Wallace", NameEvidence())
    assert (split.title, split.byline) == ("Attention is not Explanation in NLP", "S. Jain, Byron C. Wallace")


SEED_FIRST_AUTHORS = [
    ("Constitutional AI: Harmlessness from AI Feedback", "Bai, Yuntao"),
    ("Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback", "Bai, Yuntao"),
    ("Language Models (Mostly) Know What They Know", "Kadavath, Saurav"),
    ("In-context Learning and Induction Heads", "Olsson, Catherine"),
    ("Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned", "Ganguli, Deep"),
    ("Discovering Language Model Behaviors with Model-Written Evaluations", "Perez, Ethan"),
    ("The Capacity for Moral Self-Correction in Large Language Models", "Ganguli, Deep"),
    ("Measuring Progress on Scalable Oversight for Large Language Models", "Bowman, Samuel R."),
    ("Scaling Laws and Interpretability of Learning from Repeated Data", "Hernandez, Danny"),
    ("Linear Optimal Power Flow Using Cycle Flows", "Hörsch, Jonas"),
    ("Dual theory of transmission line outages", "Ronellenfitsch, Henrik"),
    ("Managing the Mismatch: The Role of Flexibility on the Path to a Carbon-Neutral Energy System", "Geis, Julian"),
    ("A General Language Assistant as a Laboratory for Alignment", "Askell, Amanda"),
    ("Extracting Training Data from Large Language Models", "Carlini, Nicholas"),
    ("Testing Robustness Against Unforeseen Adversaries", "Kaufmann, Max"),
    ("Transfer of Adversarial Robustness Between Perturbation Types", "Kang, Daniel"),
    ("Skill Rating for Generative Models", "Olsson, Catherine"),
    ("Technical Report on the CleverHans v2.1.0 Adversarial Examples Library", "Papernot, Nicolas"),
]


def test_every_seed_feed_line_splits_without_evidence():
    lines = glued_lines(SEEDS / "003_40361f2208cb66e1.txt")
    assert len(lines) == len(SEED_FIRST_AUTHORS)
    for line, (title, first) in zip(lines, SEED_FIRST_AUTHORS):
        split = split_glued(line, NameEvidence())
        assert split is not None, line
        assert (split.title, parse_byline(split.byline).people[0].display()) == (title, first)


NEGATIVE_CASES = [
    {"label": "title and authors separated by a space, no evidence", "line": "Attention Is All You Need Ashish Vaswani, Noam Shazeer"},
    {"label": "only authors", "line": "Ashish Vaswani, Noam Shazeer, Niki Parmar"},
    {"label": "empty line", "line": ""},
    {"label": "a title with no authors", "line": "Attention Is All You Need"},
]


@pytest.mark.parametrize("case", NEGATIVE_CASES, ids=lambda c: c["label"])
def test_no_certain_split_point_gives_none(case):
    assert split_glued(case["line"], NameEvidence()) is None


def test_a_spaced_split_needs_a_name_seen_elsewhere():
    line = "Attention Is All You Need Ashish Vaswani, Noam Shazeer"
    split = split_glued(line, NameEvidence.from_people([Person(family="Vaswani", given="Ashish")]))
    assert (split.title, split.byline) == ("Attention Is All You Need", "Ashish Vaswani, Noam Shazeer")


def test_stray_whitespace_around_the_line_is_ignored():
    split = split_glued("  Deep Residual Learning for Image RecognitionKaiming He, Xiangyu Zhang\t ", NameEvidence())
    assert (split.title, split.byline) == ("Deep Residual Learning for Image Recognition", "Kaiming He, Xiangyu Zhang")


def test_hyphenated_given_name_is_not_a_split_point():
    split = split_glued("Proximal Policy Optimization AlgorithmsJean-Baptiste Mouret, John Schulman", NameEvidence())
    assert split.title == "Proximal Policy Optimization Algorithms"


def test_trailing_names_are_the_certain_authors_after_the_glue():
    line = "Language Models (Mostly) Know What They KnowSaurav Kadavath, Tom Conerly, Amanda Askell et al. · berkeley, openai"
    assert trailing_names(line) == ["Tom Conerly", "Amanda Askell"]


LATER_AUTHOR_CASES = [
    {"label": "Portuguese five-word name and a mononym after the glue",
     "line": "Dota 2 with Large Scale Deep Reinforcement LearningChristopher Berner, Henrique Pondé de Oliveira Pinto, Plato, Jie Tang et al. · openai",
     "title": "Dota 2 with Large Scale Deep Reinforcement Learning"},
    {"label": "one-word title", "line": "ReformerNikita Kitaev, Łukasz Kaiser, Anselm Levskaya", "title": "Reformer"},
    {"label": "capitalised particle in the glued name", "line": "Multitask Prompted Training Enables Zero-Shot Task GeneralizationTeven Le Scao, Victor Sanh",
     "title": "Multitask Prompted Training Enables Zero-Shot Task Generalization"},
    {"label": "organisation with CamelCase after the glue", "line": "Gemma: Open ModelsThomas Mesnard, Google DeepMind",
     "title": "Gemma: Open Models"},
    {"label": "lowercase part after a hyphen in a given name", "line": "DeBERTa: Decoding-enhanced BERT with Disentangled AttentionPengcheng He, Ming-wei Chang",
     "title": "DeBERTa: Decoding-enhanced BERT with Disentangled Attention"},
    {"label": "lost byte shown as a replacement character", "line": "Dota 2 with Large Scale Deep Reinforcement LearningPrzemys\ufffdaw D\ufffdbiak, Greg Brockman",
     "title": "Dota 2 with Large Scale Deep Reinforcement Learning"},
    {"label": "NFD accents", "line": "Linear Optimal Power Flow Using Cycle FlowsJonas Ho\u0308rsch, Dirk Witthaut",
     "title": "Linear Optimal Power Flow Using Cycle Flows"},
    {"label": "TIS-620 mojibake letters in the names", "line": "Dota 2 with Large Scale Deep Reinforcement LearningPrzemysลaw Dฤbiak, Rafal Jรณzefowicz",
     "title": "Dota 2 with Large Scale Deep Reinforcement Learning"},
    {"label": "suffix after the first author", "line": "Some Title With DigitsV2Martin Luther King Jr., Rosa Parks",
     "title": "Some Title With DigitsV2"},
]


@pytest.mark.parametrize("case", LATER_AUTHOR_CASES, ids=lambda c: c["label"])
def test_later_authors_of_many_shapes_do_not_block_the_split(case):
    split = split_glued(case["line"], NameEvidence())
    assert split is not None and split.title == case["title"]


def test_a_later_author_with_an_inner_capital_is_never_taken_for_the_glue():
    line = "Some Short TitleJohn Smith, DeAndre Jordan, Jane Roe"
    assert split_glued(line, NameEvidence()) is None  # "De|Andre Jordan" is as good a split as "Title|John Smith"
    split = split_glued(line, NameEvidence.from_people([Person(family="Jordan", given="DeAndre")]))
    assert (split.title, split.byline) == ("Some Short Title", "John Smith, DeAndre Jordan, Jane Roe")
    # Even a sure-looking split further left does not outvote a weak one to its right.
    assert split_glued("Learning to Rank with Partially Labeled DataJohn Smith, DeAndre Jordan", NameEvidence()) is None


def test_two_word_title_glued_to_a_camelcase_family():
    split = split_glued("Deep LearningYann LeCun, Yoshua Bengio, Geoffrey Hinton", NameEvidence())
    assert (split.title, split.byline) == ("Deep Learning", "Yann LeCun, Yoshua Bengio, Geoffrey Hinton")


TITLE_WORDS = ["Deep", "Learning", "for", "the", "GPT-3", "PyTorch", "LLMs", "ResNeXt", "v2.1.0", "(Mostly)", "Know:",
               "Methods,", "AI", "t-SNE", "Fail?", "X", "II", "BERT", "Models", "data", "2", "Über", "CamelCase", "Q&A", "é"]
GIVEN = ["Saurav", "Tom", "Ming-Wei", "Jong Wook", "Samuel R.", "Émile", "Łukasz", "Kamilė", "J.", "Sébastien", "Ann-Marie"]
FAMILY = ["Kadavath", "Brown", "van der Maaten", "DasSarma", "O'Hara", "Hatfield-Dodds", "McCandlish", "Le", "Kim",
          "Lukošiūtė", "Le Scao", "El-Showk", "Zhang"]


@given(
    title=st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=8).map(" ".join).filter(lambda t: not t.endswith(",")),
    names=st.lists(st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY)).map(" ".join), min_size=1, max_size=4),
    tail=st.sampled_from(["", " et al.", " et al. · openai, stanford", " · berkeley"]),
)
@settings(max_examples=1500, deadline=None)
def test_a_split_is_either_right_or_withheld(title, names, tail):
    byline = ", ".join(names) + tail
    split = split_glued(title + byline, NameEvidence())
    assert split is None or (split.title, split.byline) == (title, byline)
