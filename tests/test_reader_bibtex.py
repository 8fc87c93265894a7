"""BibTeX / biblatex reader on files shaped like real exports (Scholar, arXiv, DBLP, Better BibTeX,
biblatex) and on a broken file: exact fields, people, spans and diagnostics."""
from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citekit.model import Person
from citekit.readers import bibtex
from citekit.readers.bibtex_names import read_name, read_names, split_names
from citekit.readers.bibtex_values import Macros, protected_groups
from citekit.readers.latex_decode import decode_latex

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
SEEDS = Path(__file__).parent.parent / "seeds"


def read_fixture(name: str):
    return bibtex.read((FIXTURES / name).read_text(encoding="utf-8"), name)


def P(family=None, given=None, particle=None, suffix=None, dropping=None, literal=None) -> Person:
    return Person(family=family, given=given, non_dropping_particle=particle, dropping_particle=dropping,
                  suffix=suffix, literal=literal)


EXPECTED = [
    {
        "label": "Google Scholar: arXiv pseudo-journal becomes the arXiv id, not a container",
        "file": "google-scholar-export.bib", "index": 0, "lines": (1, 6),
        "fields": {"csl_type": "article", "title": "Constitutional ai: Harmlessness from ai feedback",
                   "arxiv": "2212.08073", "date": "2022", "citation-key": "bai2022constitutional"},
        "people": [P("Bai", "Yuntao"), P("Kadavath", "Saurav"), P("Kundu", "Sandipan"), P("Askell", "Amanda"),
                   P("Kernion", "Jackson"), P("Jones", "Andy"), P("Chen", "Anna"), P("Goldie", "Anna"),
                   P("Mirhoseini", "Azalia"), P("McKinnon", "Cameron")],
        "truncated": True,
    },
    {
        "label": "Google Scholar: {\\L}ukasz decoded, booktitle is the container",
        "file": "google-scholar-export.bib", "index": 1, "lines": (8, 14),
        "fields": {"csl_type": "paper-conference", "title": "Attention is all you need",
                   "container-title": "Advances in neural information processing systems", "volume": "30",
                   "date": "2017", "citation-key": "vaswani2017attention"},
        "people": [P("Vaswani", "Ashish"), P("Shazeer", "Noam"), P("Parmar", "Niki"), P("Uszkoreit", "Jakob"),
                   P("Jones", "Llion"), P("Gomez", "Aidan N"), P("Kaiser", "Łukasz"), P("Polosukhin", "Illia")],
    },
    {
        "label": "Google Scholar: article number is the issue, pages get a plain hyphen",
        "file": "google-scholar-export.bib", "index": 2, "lines": (16, 25),
        "fields": {"csl_type": "article-journal", "title": "Deep learning", "container-title": "nature",
                   "volume": "521", "issue": "7553", "page": "436-444",
                   "publisher": "Nature Publishing Group UK London", "date": "2015", "citation-key": "lecun2015deep"},
        "people": [P("LeCun", "Yann"), P("Bengio", "Yoshua"), P("Hinton", "Geoffrey")],
    },
    {
        "label": "arXiv export: eprint, archivePrefix and primaryClass",
        "file": "arxiv-export.bib", "index": 0, "lines": (1, 9),
        "fields": {"csl_type": "article", "title": "Constitutional AI: Harmlessness from AI Feedback",
                   "URL": "https://arxiv.org/abs/2212.08073", "arxiv": "2212.08073", "arxiv-category": "cs.CL",
                   "date": "2022", "citation-key": "bai2022constitutionalaiharmlessnessai"},
        "people": [P("Bai", "Yuntao"), P("Kadavath", "Saurav"), P("Kundu", "Sandipan"), P("Askell", "Amanda"),
                   P("Kernion", "Jackson"), P("Kaplan", "Jared")],
    },
    {
        "label": "arXiv export: old-style id with its version split off",
        "file": "arxiv-export.bib", "index": 1, "lines": (11, 19),
        "fields": {"csl_type": "article",
                   "title": "The Large N Limit of Superconformal Field Theories and Supergravity",
                   "URL": "https://arxiv.org/abs/hep-th/9711200", "arxiv": "hep-th/9711200", "arxiv-version": "v3",
                   "arxiv-category": "hep-th", "date": "1997", "citation-key": "maldacena1997largen"},
        "people": [P("Maldacena", "Juan M.")],
    },
    {
        "label": "DBLP: multi-line values joined, biburl/bibsource/timestamp/editor not carried",
        "file": "dblp-export.bib", "index": 0, "lines": (1, 23),
        "fields": {"csl_type": "paper-conference", "title": "Attention is All you Need",
                   "container-title": "Advances in Neural Information Processing Systems 30: Annual Conference on "
                                      "Neural Information Processing Systems 2017, December 4-9, 2017, Long Beach, CA, USA",
                   "page": "5998-6008",
                   "URL": "https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html",
                   "date": "2017", "citation-key": "DBLP:conf/nips/VaswaniSPUJGKP17"},
        "people": [P("Vaswani", "Ashish"), P("Shazeer", "Noam"), P("Parmar", "Niki"), P("Uszkoreit", "Jakob"),
                   P("Jones", "Llion"), P("Gomez", "Aidan N."), P("Kaiser", "Lukasz"), P("Polosukhin", "Illia")],
    },
    {
        "label": "DBLP CoRR: journal CoRR and volume abs/... are the arXiv id; the arXiv DOI stays a DOI",
        "file": "dblp-export.bib", "index": 1, "lines": (25, 40),
        "fields": {"csl_type": "article", "title": "Constitutional AI: Harmlessness from AI Feedback",
                   "DOI": "10.48550/ARXIV.2212.08073", "URL": "https://doi.org/10.48550/arXiv.2212.08073",
                   "arxiv": "2212.08073", "date": "2022", "title-protected": "AI:\nAI",
                   "citation-key": "DBLP:journals/corr/abs-2212-08073"},
        "people": [P("Bai", "Yuntao"), P("Kadavath", "Saurav"), P("Kaplan", "Jared")],
    },
    {
        "label": "DBLP: Ming{-}Wei, {BERT:} protected, DOI case kept",
        "file": "dblp-export.bib", "index": 2, "lines": (42, 64),
        "fields": {"csl_type": "paper-conference",
                   "title": "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
                   "container-title": "Proceedings of the 2019 Conference of the North American Chapter of the "
                                      "Association for Computational Linguistics: Human Language Technologies, "
                                      "NAACL-HLT 2019, Minneapolis, MN, USA, June 2-7, 2019, Volume 1 (Long and Short Papers)",
                   "page": "4171-4186", "publisher": "Association for Computational Linguistics",
                   "DOI": "10.18653/V1/N19-1423", "URL": "https://doi.org/10.18653/v1/n19-1423", "date": "2019",
                   "title-protected": "BERT:", "citation-key": "DBLP:conf/naacl/DevlinCLT19"},
        "people": [P("Devlin", "Jacob"), P("Chang", "Ming-Wei"), P("Lee", "Kenton"), P("Toutanova", "Kristina")],
    },
    {
        "label": "ACL Anthology: quoted values with braces inside, month macro, double spaces before 'and'",
        "file": "acl-anthology-export.bib", "index": 0, "lines": (1, 19),
        "fields": {"csl_type": "paper-conference",
                   "title": "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
                   "container-title": "Proceedings of the 2019 Conference of the North American Chapter of the "
                                      "Association for Computational Linguistics: Human Language Technologies, "
                                      "Volume 1 (Long and Short Papers)",
                   "page": "4171-4186", "publisher": "Association for Computational Linguistics",
                   "publisher-place": "Minneapolis, Minnesota", "DOI": "10.18653/v1/N19-1423",
                   "URL": "https://aclanthology.org/N19-1423/",
                   "abstract": "We introduce a new language representation model called BERT, which stands for "
                               "Bidirectional Encoder Representations from Transformers.",
                   "date": "2019-06", "title-protected": "BERT", "citation-key": "devlin-etal-2019-bert"},
        "people": [P("Devlin", "Jacob"), P("Chang", "Ming-Wei"), P("Lee", "Kenton"), P("Toutanova", "Kristina")],
    },
    {
        "label": "Better BibTeX: {\\'a}{\\v s} decoded, {{Word}} protection remembered, braced publisher unbraced",
        "file": "zotero-better-bibtex.bib", "index": 0, "lines": (1, 9),
        "fields": {"csl_type": "paper-conference",
                   "title": "Distributed Representations of Words and Phrases and Their Compositionality",
                   "container-title": "Advances in Neural Information Processing Systems", "volume": "26",
                   "publisher": "Curran Associates, Inc.", "date": "2013",
                   "title-protected": "Representations\nWords\nPhrases\nCompositionality",
                   "citation-key": "mikolovDistributedRepresentationsWords2013"},
        "people": [P("Mikolov", "Tomáš"), P("Sutskever", "Ilya"), P("Chen", "Kai"), P("Corrado", "Greg S"),
                   P("Dean", "Jeff")],
    },
    {
        "label": "Better BibTeX: {\\\"o}, month macro, doi/issn/abstract/keywords; file and urldate not carried",
        "file": "zotero-better-bibtex.bib", "index": 1, "lines": (11, 26),
        "fields": {"csl_type": "article-journal", "title": "Toward Causal Representation Learning",
                   "container-title": "Proceedings of the IEEE", "volume": "109", "issue": "5", "page": "612-634",
                   "DOI": "10.1109/JPROC.2021.3058954", "ISSN": "1558-2256",
                   "abstract": "The two fields of machine learning and graphical causality arose and are developed separately.",
                   "keyword": "Causal inference,Machine learning", "date": "2021-05",
                   "title-protected": "Causal Representation Learning",
                   "citation-key": "scholkopfCausalRepresentationLearning2021"},
        "people": [P("Schölkopf", "Bernhard"), P("Locatello", "Francesco"), P("Bauer", "Stefan"),
                   P("Ke", "Nan Rosemary"), P("Kalchbrenner", "Nal"), P("Goyal", "Anirudh"), P("Bengio", "Yoshua")],
    },
    {
        "label": "Better BibTeX: \\& decoded, address is the place",
        "file": "zotero-better-bibtex.bib", "index": 2, "lines": (28, 36),
        "fields": {"csl_type": "book", "title": "Speech & Language Processing", "publisher": "Prentice Hall",
                   "publisher-place": "Upper Saddle River, NJ", "edition": "2", "ISBN": "978-0-13-187321-6",
                   "date": "2009", "title-protected": "Language Processing",
                   "citation-key": "jurafskySpeechLanguageProcessing2009"},
        "people": [P("Jurafsky", "Dan"), P("Martin", "James H.")],
    },
    {
        "label": "Better BibTeX: {OpenAI} is an organisation; primaryclass={cs} is no category; whole-title braces "
                 "protect nothing; number restating the arXiv id dropped",
        "file": "zotero-better-bibtex.bib", "index": 3, "lines": (38, 51),
        "fields": {"csl_type": "article", "title": "GPT-4 Technical Report",
                   "publisher": "arXiv", "DOI": "10.48550/arXiv.2303.08774",
                   "keyword": "Computer Science - Artificial Intelligence,Computer Science - Computation and Language",
                   "arxiv": "2303.08774", "date": "2023-03", "citation-key": "openaiGPT4TechnicalReport2023"},
        "people": [P(literal="OpenAI")],
    },
    {
        "label": "biblatex: date, journaltitle, shortjournal, extended name with useprefix=true",
        "file": "biblatex-extended.bib", "index": 0, "lines": (2, 12),
        "fields": {"csl_type": "article-journal", "title": "Visualizing Data using t-SNE",
                   "container-title": "Journal of Machine Learning Research", "container-title-short": "JMLR",
                   "volume": "9", "issue": "86", "page": "2579-2605",
                   "URL": "http://jmlr.org/papers/v9/vandermaaten08a.html", "date": "2008-11",
                   "title-protected": "SNE", "citation-key": "maaten2008"},
        "people": [P("Maaten", "Laurens", particle="van der"), P("Hinton", "Geoffrey")],
    },
    {
        "label": "biblatex: @online with an arXiv eprint is a preprint; useprefix=false drops the prefix",
        "file": "biblatex-extended.bib", "index": 1, "lines": (14, 21),
        "fields": {"csl_type": "article", "title": "The Capacity for Moral Self-Correction in Large Language Models",
                   "arxiv": "2302.07459", "arxiv-version": "v2", "arxiv-category": "cs.CL", "date": "2023-02-15",
                   "citation-key": "ganguli2023capacity"},
        "people": [P("Ganguli", "Deep"), P("Askell", "Amanda"), P("Beethoven", "Ludwig", dropping="van")],
    },
    {
        "label": "biblatex: 'von Last, First' keeps von as a particle; location is the place",
        "file": "biblatex-extended.bib", "index": 2, "lines": (23, 29),
        "fields": {"csl_type": "book", "title": "Theory of Games and Economic Behavior",
                   "publisher": "Princeton University Press", "publisher-place": "Princeton", "date": "1944",
                   "citation-key": "neumann1944"},
        "people": [P("Neumann", "John", particle="von"), P("Morgenstern", "Oskar")],
    },
    {
        "label": "crossref: 'Last, Jr, First'; the parent's title becomes the container, its publisher and date inherited",
        "file": "biblatex-extended.bib", "index": 3, "lines": (31, 36),
        "fields": {"csl_type": "paper-conference", "title": "Letter from Birmingham Jail",
                   "container-title": "Proceedings of the Example Conference", "page": "1-20",
                   "publisher": "Example Press", "date": "1963-04-16", "title-protected": "Birmingham",
                   "citation-key": "king1963"},
        "people": [P("King", "Martin Luther", suffix="Jr.")],
    },
    {
        "label": "a crossref parent is a record of its own; a date range gives its start",
        "file": "biblatex-extended.bib", "index": 4, "lines": (38, 43),
        "fields": {"csl_type": "book", "title": "Proceedings of the Example Conference", "publisher": "Example Press",
                   "date": "1963-04-16", "citation-key": "proc1963"},
        "people": [],
    },
]


@pytest.mark.parametrize("case", EXPECTED, ids=[c["label"] for c in EXPECTED])
def test_entry_fields_and_people(case):
    records, _ = read_fixture(case["file"])
    record = records[case["index"]]
    assert dict(record.fields) == case["fields"]
    assert list(record.people) == case["people"]
    assert record.people_truncated is case.get("truncated", False)
    assert (record.span.first_line, record.span.last_line) == case["lines"]
    assert record.span.path == case["file"]
    assert record.layout == "bibtex" and record.authors_format == "structured"


@pytest.mark.parametrize("name", ["google-scholar-export.bib", "arxiv-export.bib", "dblp-export.bib", "acl-anthology-export.bib",
                                  "zotero-better-bibtex.bib", "biblatex-extended.bib"])
def test_clean_exports_have_every_entry_and_raw_text_is_the_entry(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    records, diagnostics = bibtex.read(text, name)
    assert len(records) == text.count("\n@") + text.startswith("@")
    assert [d for d in diagnostics if d.severity.value == "warning"] == []
    lines = text.split("\n")
    for record in records:
        assert record.raw_text == "\n".join(lines[record.span.first_line - 1:record.span.last_line]).rstrip()


def test_broken_file_reports_each_problem_at_its_line_and_reads_the_rest():
    records, diagnostics = read_fixture("broken-entries.bib")
    assert [(r.fields.get("citation-key"), r.fields["title"], r.span.first_line) for r in records] == [
        ("doe2020good", "A Good Entry", 3),
        ("poe2019macro", "Uses an Undefined Macro", 16),
        (None, "A Good Entry, Again", 23),  # duplicate key: read, not pinned twice
        ("moe2018repeated", "First Title", 29),  # repeated field: the first wins, as in BibTeX
    ]
    assert records[0].fields["container-title"] == "Advances in Neural Information Processing Systems 33"
    assert records[1].fields["container-title"] == "jmlr"
    found = [(d.code, d.span.first_line) for d in diagnostics]
    assert found == [
        ("bibtex-unreadable-entry", 10),
        ("bibtex-undefined-string", 19),
        ("bibtex-duplicate-key", 23),
        ("bibtex-repeated-field", 29),
        ("bibtex-unreadable-entry", 36),
    ]
    messages = {d.span.first_line: d.message for d in diagnostics}
    assert "roe2021broken" in messages[10] and "unbalanced" in messages[10]
    assert "'jmlr'" in messages[19]
    assert "line 3" in messages[23]
    assert "noe2017tail" in messages[36] and "end of file" in messages[36]
    assert all(d.span.path == "broken-entries.bib" for d in diagnostics)


NAMES = [
    {"label": "First von Last", "name": "Ludwig van Beethoven", "person": P("Beethoven", "Ludwig", particle="van")},
    {"label": "von Last, First", "name": "de la Fontaine, Jean", "person": P("Fontaine", "Jean", particle="de la")},
    {"label": "von Last, Jr, First", "name": "van Beethoven, Jr., Ludwig",
     "person": P("Beethoven", "Ludwig", particle="van", suffix="Jr.")},
    {"label": "braced organisation with 'and' inside", "name": "{Barnes and Noble}", "person": P(literal="Barnes and Noble")},
    {"label": "accented family in braces is no organisation", "name": "{\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e",
     "person": P("Öztürk", "Ayşe")},
    {"label": "braced family keeps its particle inside", "name": "{van der Maaten}, Laurens",
     "person": P("van der Maaten", "Laurens")},
    {"label": "tie between initials", "name": "D.~E. Knuth", "person": P("Knuth", "D. E.")},
    {"label": "biblatex extended, braced values", "name": "family={Sch\\\"olkopf}, given=Bernhard",
     "person": P("Schölkopf", "Bernhard")},
]


@pytest.mark.parametrize("case", NAMES, ids=[c["label"] for c in NAMES])
def test_name_forms(case):
    assert read_name(case["name"]) == case["person"]


def test_and_others_truncates_and_brace_protected_and_does_not_split():
    result = read_names("{Simon and Schuster} and Doe, Jane and others")
    assert result.people == (P(literal="Simon and Schuster"), P("Doe", "Jane"))
    assert result.truncated and result.problems == []


def test_macros_concatenation_months_and_undefined():
    macros = Macros()
    assert macros.define("ACL", '"Proceedings of " # {ACL}') == []
    assert macros.expand('acl # " 2020"') == ("Proceedings of ACL 2020", [])
    assert macros.expand("dec") == ("December", [])
    assert macros.expand("nosuch # { x}") == ("nosuch x", ["nosuch"])


def test_protected_groups_skip_accents_commands_and_whole_title_braces():
    assert protected_groups(r"The {GPT} model and Sch{\"o}lkopf's \emph{idea} on {B}ayes") == ["GPT", "B"]
    assert protected_groups("{Whole Title In Braces}") == []
    assert decode_latex(r"Na\"{\i}ve \& {$\alpha$}-tests~now") == "Naïve & α-tests now"


def test_sniff_prefers_bib_files_and_rejects_the_seeds():
    assert bibtex.sniff("@article{x, title={T}}\n", "refs.bib") == 0.95
    assert bibtex.sniff("% notes\n@inproceedings{x,\n title={T}}\n", "refs.txt") == 0.9
    for seed in sorted(SEEDS.glob("*.txt")):
        assert bibtex.sniff(seed.read_text(encoding="utf-8"), seed.name) == 0.0


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.bib")))
def test_every_entry_is_a_record_or_a_warning_at_its_line(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    records, diagnostics = bibtex.read(text, name)
    starts = [number for number, line in enumerate(text.split("\n"), start=1)
              if line.startswith("@") and not line.lower().startswith(("@string", "@comment", "@preamble"))]
    accounted = {r.span.first_line for r in records} | {d.span.first_line for d in diagnostics if d.severity.value == "warning"}
    assert set(starts) <= accounted


def test_entry_without_brace_is_reported_not_dropped():
    records, diagnostics = bibtex.read("@article{a, title={T}, author={A, B}}\n\n@article b, title={U}}\n", "x.bib")
    assert [r.fields["title"] for r in records] == ["T"]
    assert [(d.code, d.span.first_line) for d in diagnostics] == [("bibtex-unreadable-entry", 3)]


def test_unescaped_percent_is_text_not_a_latex_comment():
    records, _ = bibtex.read("@article{a, title={Gains of 5% on {GLUE}}, author={A, B}}\n", "x.bib")
    assert records[0].fields["title"] == "Gains of 5% on GLUE"


def test_crossref_to_nowhere_undefined_macro_in_a_string_and_keys_differing_in_case():
    text = ("@string{venue = unknownmacro # { Workshop}}\n"
            "@inproceedings{Doe2020, title={T}, author={Doe, Jane}, booktitle=venue, crossref={missing}}\n"
            "@article{doe2020, title={U}, author={Doe, Jane}}\n")
    records, diagnostics = bibtex.read(text, "x.bib")
    assert records[0].fields["container-title"] == "unknownmacro Workshop"
    assert records[0].fields["citation-key"] == "Doe2020" and "citation-key" not in records[1].fields
    assert [(d.code, d.span.first_line) for d in diagnostics] == [
        ("bibtex-undefined-string", 1), ("bibtex-crossref", 2), ("bibtex-duplicate-key", 3)]


NAME_PIECES = ["Ann", "and", "AND", " and ", " ", "\n", "\t", "{", "}", "{\\'e}", "\\'e", "\\", "\\{", "~",
               "{Simon and Schuster}", "others", ",", "Lee", "-", "a", "d", "n", "\\-", " and}", "and{", " And ", "  "]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=16).map("".join))
@example("Almeida, L{\\'e}a and S{\\\"o}ren, Ann and {Simon and Schuster}")  # flat groups, then one with spaces
@example("{a{b}c and d} and Lee")  # ` and ` inside a group that holds another
@example("Ann and Lee AND Kim And Roe  and Doe and }x and Li\tand Wu")  # separators str.split cannot take
@example("Ann and Lee and Kim")  # only plain ` and `s
@example("{ab\tand cd} and {x}y} and z")  # a tab in a group; a stray `}`
def test_name_lists_split_as_bibtexparser_splits_them(names):
    assert split_names(names) == split_multiple_persons_names(names)
