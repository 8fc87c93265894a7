"""Formatted bibliographies through citeproc-py and citekit's adapter.

Items are tests/fixtures/bibliography/works-like-the-seeds.json (arXiv preprints with truncated
author lists, organisations, a particle, a work without a year, two keys differing only in case).
Expected entries were read by a person and, where citeproc-js agrees, checked against it
(test_citeprocjs_compare.py); where the two differ on purpose the case says why.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from citeproc import model

from citekit.diagnostics import BadInput
from citekit.writers.citeproc_adapter import RenderItem, load_style, render_bibliography
from citekit.writers.styles import find_style

FIXTURES = Path(__file__).parent / "fixtures" / "bibliography"
WORKS = json.loads((FIXTURES / "works-like-the-seeds.json").read_text(encoding="utf-8"))


def render(style: str, items=WORKS, **options) -> dict[str, str]:
    entries = render_bibliography([RenderItem(i["id"], i) for i in items], find_style(style), **options)
    return {e.id: e.text for e in entries}


CASES = [
    {
        "label": "same author, same year: 2024a / 2024b in title order (APA asks for year suffixes)",
        "style": "apa",
        "expect": {
            "TongSteeringNotes2024": "Tong, M. (2024a). Further Notes on Steering Vectors (arXiv:2409.00002). arXiv.",
            "tongSteeringNotes2024": "Tong, M. (2024b). Notes on Steering Vectors (arXiv:2405.00001). arXiv.",
        },
    },
    {
        "label": "same first author and year but other co-authors: APA adds names, so no suffix",
        "style": "apa",
        "contains": {"baiConstitutionalAIHarmlessness2022": "(2022). Constitutional AI"},
    },
    {
        "label": "truncated author list ends in the style's et al., never an author called others (APA)",
        "style": "apa",
        "expect": {
            "baiConstitutionalAIHarmlessness2022": "Bai, Y., Kadavath, S., Kundu, S., et al. (2022). Constitutional AI: "
            "Harmlessness from AI Feedback (arXiv:2212.08073). arXiv. https://doi.org/10.48550/arXiv.2212.08073"
        },
    },
    {
        "label": "truncated list of three in a style truncating at four: first author et al. (Harvard)",
        "style": "harvard-cite-them-right",
        "contains": {"durmusMeasuringRepresentationSubjective2023": "Durmus, E. et al. (2023)"},
    },
    {
        "label": "truncated list where the style's delimiter never precedes et al. (Vancouver-style numbers)",
        "style": "ieee",
        "contains": {"baiTrainingHelpfulHarmless2022": "[2] Y. Bai, A. Jones, K. Ndousse, et al., “Training"},
    },
    {
        "label": "full list of 26 authors: APA's 19, ellipsis, last author (no truncation of ours involved)",
        "style": "apa",
        "contains": {"sharmaConstitutionalClassifiersDefending2025": "Gopal, A., … Olsson, C. (2025)."},
    },
    {
        "label": "organisation as author is printed whole, never initialised",
        "style": "apa",
        "expect": {"openaiGPT4TechnicalReport2023": "OpenAI. (2023). GPT-4 Technical Report (arXiv:2303.08774). arXiv."},
    },
    {
        "label": "work without a year: n.d. as APA says",
        "style": "apa",
        "contains": {"askellGeneralLanguageAssistant": "Chen, A., et al. (n.d.). A General Language Assistant"},
    },
    {
        "label": "work without a year: (no date) as Harvard says",
        "style": "harvard-cite-them-right",
        "contains": {"askellGeneralLanguageAssistant": "(no date)"},
    },
    {
        "label": "initialize=\"false\" keeps given names whole (Chicago author-date)",
        "style": "chicago-author-date",
        "contains": {"mindermannPrioritizedTrainingPoints2022": "Mindermann, Sören, Jan M. Brauner, Muhammed T. Razzak, and"},
    },
    {
        "label": "chicago-16 page ranges drop repeated digits (2579–605)",
        "style": "chicago-author-date",
        "contains": {"maatenVisualizingDataUsing2008": "Journal of Machine Learning Research 9 (86): 2579–605."},
    },
    {
        "label": "non-dropping particle is demoted as Chicago says",
        "style": "chicago-author-date",
        "contains": {"maatenVisualizingDataUsing2008": "Maaten, Laurens van der, and Geoffrey Hinton."},
    },
    {
        "label": "capitalize-first leaves a word with inner capitals alone (arXiv, not ArXiv)",
        "style": "apa",
        "contains": {"hubingerSleeperAgentsTraining2024": "(arXiv:2401.05566)"},
    },
    {
        "label": "label column: a space after [1] in text",
        "style": "ieee",
        "contains": {"baiConstitutionalAIHarmlessness2022": "[1] Y. Bai"},
    },
    {
        "label": "en-US punctuation goes inside the closing quote",
        "style": "ieee",
        "contains": {"vaswaniAttentionAllYou2017": "“Attention Is All You Need,” in Advances"},
    },
    {
        "label": "a group whose chosen branch printed only a term is dropped: no bare 'Preprint at.' (Nature)",
        "style": "nature",
        "expect": {"askellGeneralLanguageAssistant": "11. Askell, A., Bai, Y., Chen, A., et al. A General Language Assistant as a Laboratory for Alignment."},
    },
    {
        "label": "a group whose chosen branch printed only a term stays when no variable was asked: (n.d.) (APA)",
        "style": "apa",
        "contains": {"askellGeneralLanguageAssistant": "(n.d.)"},
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_rendering(case):
    entries = render(case["style"])
    assert set(entries) == {i["id"] for i in WORKS}
    for key, text in case.get("expect", {}).items():
        assert entries[key] == text
    for key, part in case.get("contains", {}).items():
        assert part in entries[key]
    assert not any("others" in text for text in entries.values())


def test_keys_differing_only_in_case_stay_two_entries():
    entries = render("apa")
    assert "Further Notes" in entries["TongSteeringNotes2024"]
    assert "Further Notes" not in entries["tongSteeringNotes2024"]


def test_styles_that_crashed_citeproc_py_render_every_item():
    # text-case on a names macro and name-part case on an organisation raised AttributeError.
    for style in ("associacao-brasileira-de-normas-tecnicas", "associacao-brasileira-de-normas-tecnicas-ufmg-face-initials",
                  "university-of-hull-harvard", "current-organic-synthesis", "pontifical-gregorian-university"):
        entries = render(style)
        assert len(entries) == len(WORKS), style
    assert render("associacao-brasileira-de-normas-tecnicas")["anthropicClaude3Model2024"].startswith("ANTHROPIC.")


def test_nocase_spans_survive_sentence_case():
    items = [
        {"id": "kept", "type": "article", "author": [{"family": "Hubinger", "given": "Evan"}],
         "title": 'Sleeper Agents: Training Deceptive <span class="nocase">LLMs</span> that Persist'},
        {"id": "lowered", "type": "article", "author": [{"family": "Hubinger", "given": "Evan"}],
         "title": "Sleeper Agents: Training Deceptive LLMs that Persist"},
    ]
    entries = render(str(FIXTURES / "sentence-case-titles.csl"), items)
    assert entries["kept"] == "Hubinger, E. Sleeper agents: training deceptive LLMs that persist."
    assert entries["lowered"] == "Hubinger, E. Sleeper agents: training deceptive llms that persist."


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "ieee", "modern-language-association"])
def test_macro_memo_gives_byte_identical_output(style):
    with_memo = render_bibliography([RenderItem(i["id"], i) for i in WORKS], find_style(style), output="html")
    without = render_bibliography([RenderItem(i["id"], i) for i in WORKS], find_style(style), output="html",
                                  speedups=False)
    assert with_memo == without


def test_macro_memo_finds_the_macro_xpath_finds():
    style = load_style(find_style("apa"))
    memo = style.root.citekit_macros
    assert len(memo) > 20
    for name, macro in memo.items():
        assert macro is style.root.get_macro(name)
        assert macro.get("name") == name
    plain = load_style(find_style("apa"), speedups=False)
    assert model.Macro is type(plain.root.get_macro("title"))
    assert "citekit_macros" not in plain.root.__dict__


HIGHLIGHTS = [
    {"label": "APA, family first, html", "style": "apa", "output": "html", "owner": "Bai, Yuntao",
     "key": "baiConstitutionalAIHarmlessness2022", "expect": "<b>Bai, Y.</b>, Kadavath, S."},
    {"label": "IEEE, initials first, markdown", "style": "ieee", "output": "markdown", "owner": "Yuntao Bai",
     "key": "askellGeneralLanguageAssistant", "expect": "A. Askell, **Y. Bai**, A. Chen"},
    {"label": "owner last of 26 authors: citekit-cv lists everyone", "style": "citekit-cv",
     "output": "markdown", "owner": "Olsson, Catherine", "key": "sharmaConstitutionalClassifiersDefending2025",
     "expect": "K. Lin, **C. Olsson**. (2025)."},
    {"label": "full given names (Chicago)", "style": "chicago-author-date", "output": "html",
     "owner": "Jones, Erik", "key": "jonesForecastingRareLanguage2025", "expect": "<b>Jones, Erik</b>, Meg Tong"},
    {"label": "accents and case do not matter to the match", "style": "apa", "output": "html",
     "owner": "soren mindermann", "key": "mindermannPrioritizedTrainingPoints2022", "expect": "<b>Mindermann, S.</b>, Brauner"},
    {"label": "hyphenated given name and particle-like family name", "style": "apa", "output": "markdown",
     "owner": "Le Brun, Jean-Baptiste", "key": "lebrunRobustnessSparseProbes2023", "expect": "**Le Brun, J.-B.**, García-Pérez"},
    {"label": "an author with the same family name but other initials is not the owner", "style": "apa",
     "output": "html", "owner": "Jones, Erik", "key": "baiTrainingHelpfulHarmless2022", "expect": "Bai, Y., Jones, A., Ndousse"},
]


@pytest.mark.parametrize("case", HIGHLIGHTS, ids=[c["label"] for c in HIGHLIGHTS])
def test_owner_in_bold(case):
    entries = render(case["style"], output=case["output"], highlight=case["owner"])
    assert case["expect"] in entries[case["key"]]
    assert not any(ch in text for text in entries.values() for ch in "\ue000\ue001\ue002")


def test_owner_highlight_in_plain_text_changes_nothing():
    assert render("apa", output="text", highlight="Bai, Yuntao") == render("apa", output="text")


def test_owner_highlight_does_not_change_the_order():
    plain = list(render("apa", output="html"))
    assert list(render("apa", output="html", highlight="Askell, Amanda")) == plain


def test_html_label_column_and_escaping():
    items = [{"id": "amp", "type": "article", "title": "Search & Rescue <with> Models", "author": [{"literal": "AT&T Labs"}]}]
    text = render("ieee", items, output="html")["amp"]
    assert text.startswith('<div class="csl-left-margin">[1]</div><div class="csl-right-inline">AT&amp;T Labs')
    assert "Search &amp; Rescue &lt;with&gt; Models" in text


def test_markdown_escapes_markup_characters_and_writes_emphasis():
    items = [{"id": "md", "type": "article-journal", "title": "Why *stars* and [brackets] _matter_",
              "container-title": "Journal of Tests", "author": [{"family": "Smith", "given": "Jo"}],
              "issued": {"date-parts": [[2020]]}}]
    text = render("apa", items, output="markdown")["md"]
    assert text == r"Smith, J. (2020). Why \*stars\* and \[brackets\] \_matter\_. *Journal of Tests*."


def test_locale_is_selectable():
    german = render("apa", locale="de-DE")
    assert "(o.\u00a0J.)" in german["askellGeneralLanguageAssistant"]
    assert render("apa", locale="de")["askellGeneralLanguageAssistant"] == german["askellGeneralLanguageAssistant"]


def test_unknown_locale_is_one_line_error_with_close_names():
    with pytest.raises(BadInput) as error:
        render("apa", locale="en-UX")
    assert "unknown locale 'en-UX'" in str(error.value) and "en-US" in str(error.value)


GOLDEN = Path(__file__).parent / "golden" / "bibliography"
SUFFIX = {"text": "txt", "html": "html", "markdown": "md"}
GOLDEN_CASES = [
    {"style": "apa", "output": "text"},
    {"style": "apa", "output": "html"},
    {"style": "chicago-author-date", "output": "text"},
    {"style": "ieee", "output": "markdown"},
    {"style": "nature", "output": "html"},
    {"style": "citekit-cv", "output": "markdown", "highlight": "Bai, Yuntao"},
]


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=[f"{c['style']}-{c['output']}" for c in GOLDEN_CASES])
def test_golden_bibliographies(case, request):
    from citekit.writers.bibliography_formats import OUTPUTS

    entries = render_bibliography([RenderItem(i["id"], i) for i in WORKS], find_style(case["style"]),
                                  output=case["output"], highlight=case.get("highlight"))
    text = OUTPUTS[case["output"]].join([e.text for e in entries])
    path = GOLDEN / f"works-like-the-seeds.{case['style']}.{SUFFIX[case['output']]}"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("output, expect", [("html", "Sharma, M. <i>et al.</i> Constitutional"),
                                            ("markdown", "Sharma, M. *et al.* Constitutional")])
def test_period_after_italic_et_al_is_not_doubled(output, expect):
    # citeproc-js agrees: Nature's italic "et al." ends the author list without a second period.
    assert expect in render("nature", output=output)["sharmaConstitutionalClassifiersDefending2025"]


def _citation(key, title, authors, truncated, year, arxiv, category):
    from citekit.model import Citation, PartialDate, Person, Work

    people = tuple(Person(family=f, given=g) if g else Person(literal=f) for f, g in authors)
    work = Work(csl_type="article", title=title, authors=people, authors_truncated=truncated,
                issued=PartialDate(year) if year else None, container_title=None, abstract=None,
                identifiers={"arxiv": arxiv}, records=(), category=category)
    return Citation(key, work, "formula")


def test_bibliography_writer_from_citations():
    from citekit.writers import WRITERS, WriteOptions

    citations = [
        _citation("baiConstitutionalAIHarmlessness2022", "Constitutional AI: Harmlessness from AI Feedback",
                  [("Bai", "Yuntao"), ("Kadavath", "Saurav"), ("Kundu", "Sandipan")], True, 2022, "2212.08073", "cs.CL"),
        _citation("openaiGPT4TechnicalReport2023", "GPT-4 Technical Report", [("OpenAI", None)], False, 2023,
                  "2303.08774", "cs.CL"),
    ]
    options = WriteOptions(style="citekit-cv", to="markdown", highlight="Yuntao Bai")
    assert WRITERS["bibliography"].write(citations, options) == (
        "OpenAI. (2023). GPT-4 Technical Report. arXiv:2303.08774 [cs.CL]. https://arxiv.org/abs/2303.08774\n"
        "\n"
        "**Y. Bai**, S. Kadavath, S. Kundu, et al. (2022). Constitutional AI: Harmlessness from AI Feedback. "
        "arXiv:2212.08073 [cs.CL]. https://arxiv.org/abs/2212.08073\n"
    )
    html = WRITERS["bibliography"].write(citations, WriteOptions(style="apa", to="html"))
    assert html.startswith('<div class="csl-bib-body">\n  <div class="csl-entry">Bai, Y., Kadavath, S., Kundu, S., et al. (2022).')
    assert html.endswith("</div>\n</div>\n")


def test_bibliography_writer_unknown_style_is_bad_input():
    from citekit.writers import WRITERS, WriteOptions

    with pytest.raises(BadInput, match="unknown style 'apa7'"):
        WRITERS["bibliography"].write([], WriteOptions(style="apa7"))


SEED_GOLDEN_CASES = [
    {"style": "apa", "output": "text"},
    {"style": "ieee", "output": "html"},
    {"style": "chicago-author-date", "output": "markdown"},
    {"style": "citekit-cv", "output": "markdown", "highlight": "Askell, Amanda"},
]


@pytest.fixture(scope="module")
def seed_citations():
    from citekit.pipeline import build_citations

    return build_citations([]).citations


@pytest.mark.parametrize("case", SEED_GOLDEN_CASES, ids=[f"{c['style']}-{c['output']}" for c in SEED_GOLDEN_CASES])
def test_golden_bibliographies_of_the_seeds(case, request, seed_citations):
    from citekit.writers import WRITERS, WriteOptions

    options = WriteOptions(style=case["style"], to=case["output"], highlight=case.get("highlight"))
    text = WRITERS["bibliography"].write(seed_citations, options)
    path = GOLDEN / f"seeds.{case['style']}.{SUFFIX[case['output']]}"
    if request.config.getoption("--update-golden"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
