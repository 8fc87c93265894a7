"""Small, named corrections to citeproc-py 0.11, installed by the adapter before it renders.

citeproc-py is the engine; where it is wrong we wrap one method rather than fork it. Each
wrapper below names the defect it answers (checked against citeproc-js) and has a test in
tests/test_bibliography.py or test_citeprocjs_compare.py. `install()` is idempotent. Changes
for speed alone (no output changes) live in citeproc_speed.
"""
from __future__ import annotations

import re

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, NoCase, String

_ORIGINALS: dict[str, object] = {}

# Words title case leaves lowercase: citeproc-js's single-word list (citeproc-py knew 26).
TITLE_CASE_STOP_WORDS = (
    "a about above across afore after against al along alongside amid amidst among amongst an and "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below beneath "
    "beside besides between beyond but by c ca circa d' de despite down during et except for forenenst "
    "from given in inside into lest like modulo near next nor notwithstanding of off on onto or out "
    "over per plus pro qua sans since so than the through thru throughout thruout till to toward "
    "towards under underneath until unto up upon v v. van versus via vis-à-vis von vs vs. with within "
    "without yet"
).split()


_UNKNOWN = object()
FIELD_BREAK = "\ue002"  # between the first field (a label such as "[1]") and the rest


class TruncatedNames(list):
    """A name list known to continue past its last entry (a source printed "et al.")."""


def _case_any_text(self, text, language=None):
    # Macros that render names, and numbers, reach text-case as plain str / int, which
    # lack citeproc's String methods: several official styles crash there.
    if text is None:
        return None
    if isinstance(text, MixedString):
        text = MixedString([s if isinstance(s, String) else String(str(s)) for s in text])
    elif not isinstance(text, String):
        text = String(str(text))
    if self.get("text-case") == "title":
        return _title_case(text) if language == "en" else text
    return _ORIGINALS["case"](self, text, language)


def _title_case(text):
    """Title case as citeproc-js does it, segment by segment so spacing survives nocase spans.

    citeproc-py joined words with single spaces ("AI : Harmlessness" after a nocase "AI") and
    capitalised hyphen parts, stop words and version numbers alike ("In-context", "V2.1.0").
    """
    segments = list(text) if isinstance(text, MixedString) else [text]
    previous, out = ":", []
    for segment in segments:
        if isinstance(segment, NoCase):
            out.append(segment)
            previous = str(segment)[-1:] or previous
            continue
        pieces = re.split(r"(\s+)", str(segment))
        for index, piece in enumerate(pieces):
            if piece and not piece.isspace():
                pieces[index] = _title_case_word(piece, previous in ":.?!")
                previous = piece[-1]
        out.append(type(segment)("".join(pieces)))
    return MixedString(out)


def _title_case_word(word: str, starts_sentence: bool) -> str:
    parts = word.split("-")
    for i, part in enumerate(parts):
        lowercase = part.islower() and not any(c.isdigit() for c in part)
        stop = part in TITLE_CASE_STOP_WORDS or len(part) == 1
        if lowercase and (not stop or (i == 0 and starts_sentence)):
            parts[i] = part[0].upper() + part[1:]
    return "-".join(parts)


def _name_part_as_str(self, given, family):
    # A name part with text-case or affixes came back as MixedString, which str.join rejects.
    given, family = _ORIGINALS["format_part"](self, given, family)
    return (None if given is None else str(given)), (None if family is None else str(family))


def _strip_periods_any_text(self, string):
    if isinstance(string, int):
        string = String(str(string))
    return _ORIGINALS["strip_periods"](self, string)


def _capitalize_first_lowercase_only(self):
    # CSL: capitalize-first touches the first word only when it is lowercase; citeproc-py
    # turned "arXiv:2204.05862" into "ArXiv:2204.05862".
    words = str(self).split(maxsplit=1)
    if not words or not words[0].islower():
        return self
    return self.__class__(self[0].upper() + self[1:])


def _name_process(self, item, variable, context=None, sort_options=None, **kwargs):
    original = _ORIGINALS["name_process"]
    overrides = dict(sort_options or {})
    # initialize="false" (311 official styles): keep given names whole; citeproc-py ignored it.
    if self.get("initialize", "true").lower() == "false":
        overrides["initialize-with"] = None
    names = item.reference.get(variable, [])
    if not isinstance(names, TruncatedNames) or self.get_option("form", context, sort_options) == "count":
        return original(self, item, variable, context=context, sort_options=overrides or sort_options, **kwargs)
    # A truncated list ends in the style's et-al term (its delimiter rule, its cs:et-al),
    # never in a name "others" and never in "& LastKnownAuthor".
    et_al_min = self.get_option("et-al-min", context, sort_options)
    use_first = self.get_option("et-al-use-first", context, sort_options)
    # The full list has at least one more name than we know: the style truncates it for sure
    # once that count reaches et-al-min; otherwise every known name is shown.
    shown = names[:use_first] if et_al_min and len(names) + 1 >= et_al_min else list(names)
    overrides.update({"et-al-min": 0, "et-al-use-last": "false", "and": None})
    item.reference[variable] = shown
    try:
        text = original(self, item, variable, context=context, sort_options=overrides, **kwargs)
    finally:
        item.reference[variable] = names
    et_al = self.et_al()
    if not text or not et_al:
        return text
    rule = self.get_option("delimiter-precedes-et-al", context, sort_options)
    if rule == "always" or (rule == "contextual" and len(shown) >= 2) or (
        rule == "after-inverted-name" and _last_is_inverted(self, len(shown), context, sort_options)
    ):
        return text + self.get_option("delimiter", context, sort_options) + et_al
    return text + " " + et_al


def _render_bibliography_fields(self, citation_items):
    # second-field-align: citeproc-py glued the label to the entry ("[1]Y. Bai"); mark
    # where the first field ends so each output can separate (or align) it.
    original = _ORIGINALS["render_bibliography"]
    first = next(self.iterchildren(), None)
    if self.getparent().get("second-field-align") is None or first is None:
        return original(self, citation_items)
    output = []
    for item in citation_items:
        for text in original(self, [item]):
            self.repressed = {}
            try:
                label = str(first.render(item) or "")
            except VariableError:
                label = ""
            head = self.get("prefix", "") + label
            text = str(text)
            if label and text.startswith(head):
                text = head + FIELD_BREAK + text[len(head):].lstrip()
            output.append(text)
    return output


def _chicago_16_last_page(self, first, last):
    # citeproc-py applied Chicago 15's four-digit rule (2579–2605) to chicago-16 (2579–605).
    original = _ORIGINALS["format_last_page"]
    if self.get_root().get_option("page-range-format") != "chicago-16" or not (first.isdigit() and last.isdigit()):
        return original(self, first, last)
    number = int(first)
    if number < 100 or number % 100 == 0 or len(first) != len(last):
        return last
    common = next((i for i, (f, l) in enumerate(zip(first, last)) if f != l), len(first))
    if number % 100 < 10:
        return last[common:]
    return last[min(common, len(first) - 2):]


def _choose_branch(choose, item, context, delimiter, **kwargs):
    """As Choose.render, but also the branch taken (None when no condition held)."""
    for branch in choose.getchildren():
        try:
            return branch.render(item, context=context, delimiter=delimiter, **kwargs), branch
        except model.ConditionFailed:
            continue
    return None, None


def _group_process(self, item, context=None, **kwargs):
    # As citeproc-py's Group.process, but a cs:choose child is asked whether it calls a
    # variable through the branch it took: citeproc-py asked the whole cs:choose, so
    # `<text term="preprint"/>` in an else branch counted as a variable and kept "Preprint
    # at." of an item without URL or date. Deeper cs:choose elements answer as citeproc-py does.
    output, called, rendered = [], False, False
    delimiter = self.get("delimiter", "")
    for child in self.iterchildren():
        branch = _UNKNOWN
        try:
            if isinstance(child, model.Choose):
                text, branch = _choose_branch(child, item, context, delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            text = None
        calls = child.calls_variable() if branch is _UNKNOWN else branch is not None and branch.calls_variable()
        called = called or calls
        if text is not None:
            output.append(text)
            rendered = rendered or calls
    if output and (not called or rendered):
        return self.join(output)
    raise VariableError


def punctuation_into_quotes(text: str, style_root: model.Style) -> str:
    """Move a comma or period after a closing quote inside it when the locale says so (en-US)."""
    option = style_root.get_locale_option("punctuation-in-quote") or "false"
    if option.lower() != "true":
        return text
    for term in ("close-quote", "close-inner-quote"):
        quote = str(style_root.get_single_term(term))
        if quote:
            text = re.sub(f"{re.escape(quote)}([.,])", lambda m: m.group(1) + quote, text)
    return text


def _last_is_inverted(name, count, context, sort_options) -> bool:
    order = name.get_option("name-as-sort-order", context, sort_options)
    return order == "all" or (order == "first" and count == 1)


def install() -> None:
    """Wrap the citeproc-py methods listed above; calling it again changes nothing."""
    if _ORIGINALS:
        return
    _ORIGINALS["case"] = model.TextCased.case
    _ORIGINALS["strip_periods"] = model.StrippedPeriods.strip_periods
    _ORIGINALS["name_process"] = model.Name.process
    _ORIGINALS["render_bibliography"] = model.Layout.render_bibliography
    _ORIGINALS["format_part"] = model.Name_Part.format_part
    _ORIGINALS["format_last_page"] = model.FormatNumber._format_last_page
    model.FormatNumber._format_last_page = _chicago_16_last_page
    model.Group.process = _group_process
    model.Name_Part.format_part = _name_part_as_str
    model.Layout.render_bibliography = _render_bibliography_fields
    model.TextCased.case = _case_any_text
    model.StrippedPeriods.strip_periods = _strip_periods_any_text
    model.Name.process = _name_process
    String.capitalize_first = _capitalize_first_lowercase_only
    model.TextCased._stop_words = TITLE_CASE_STOP_WORDS
    # Three official note styles ask for near-note-distance without a default in citeproc-py.
    model.CitationStylesElement._default_options.setdefault("near-note-distance", 5)
