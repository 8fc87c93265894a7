"""Speed-ups for citeproc-py 0.11 that change no output byte, opted into per style and per render.

A loaded style never changes shape, yet citeproc-py asks it the same questions by XPath on
every entry; and it finds an entry's number, or whether a key was cited, by scanning lists,
which makes 10k entries quadratic. `enable(root)` pins the style's element proxies (lxml
otherwise rebuilds them, losing any attribute) and gives each its root and an XPath memo;
the wrappers below answer from those memos only for elements that carry them, so a style
loaded without `enable` runs citeproc-py's own code. The per-render half is in
citeproc_render_index. tests/test_bibliography_speedups.py compares renders with and without.
"""
from __future__ import annotations

from citeproc import model

from citekit.writers.citeproc_render_index import CitedKeys

_ORIGINALS: dict[str, object] = {}
_MISSING = object()
# Attributes Formatted.format reads; without any of them it returns the text as it came.
FORMATTING = {"font-style", "font-variant", "font-weight", "text-decoration", "vertical-align"}


def enable(root: model.Style) -> None:
    """Memoise this style's (and its locales') structural look-ups: macros, terms, XPath, roots."""
    install()
    root.citekit_macros = {macro.get("name"): macro for macro in root.findall("cs:macro", root.nsmap)}
    root.citekit_locale_options = {}
    tree_roots = {id(tree.getroottree().getroot()): tree.getroottree().getroot() for tree in [root, *root.locales]}
    for tree_root in tree_roots.values():
        # Holding every proxy keeps lxml from replacing it, so attributes set on it stay.
        tree_root.citekit_pinned = [e for e in tree_root.iter() if isinstance(e, model.CitationStylesElement)]
        for element in tree_root.citekit_pinned:
            element.citekit_root = tree_root
            element.citekit_xpath = {}
            # citeproc-py copies a style's date-part attributes onto the locale's while rendering.
            if not isinstance(element, model.Date_Part):
                element.citekit_plain_format = not set(element.attrib) & FORMATTING
            if isinstance(element, model.If):
                element.citekit_test = _condition(element)
            elif isinstance(element, model.Sort):
                element.citekit_single_as_is = not _renders_localized_dates(element, root.citekit_macros)
            elif isinstance(element, model.Text):
                element.citekit_text = _text_source(element, tree_root)
            elif isinstance(element, model.Name):
                element.citekit_options = {}
    for locale in root.locales:
        locale.citekit_terms = {}


def _condition(branch: model.If) -> tuple | None:
    """The branch's tests read once from its attributes; None when it uses a rarer test."""
    if set(branch.attrib) - {"type", "variable", "is-numeric", "match"}:
        return None
    return (
        [name.lower() for name in branch.get("type", "").split()],
        [name.replace("-", "_") for name in branch.get("variable", "").split()],
        [name.replace("-", "_") for name in branch.get("is-numeric", "").split()],
        branch.get("match"),
    )


def _if_render(self, item, context=None, delimiter="", **kwargs):
    # As If.render for cs:if/else-if, with the reference fetched once, not once per test.
    test = self.__dict__.get("citekit_test")
    if test is None:
        return _ORIGINALS["if_render"](self, item, context=context, delimiter=delimiter, **kwargs)
    types, variables, numerics, match = test
    reference = item.reference
    results = [name == reference["type"] for name in types]
    results += [("locator" in item) if name == "locator" else (name in reference) for name in variables]
    numeric = model.If.re_numeric.match
    results += [name in reference and numeric(str(reference[name])) for name in numerics]
    if match == "any":
        passed = any(results)
    elif match == "none":
        passed = not any(results)
    else:
        passed = all(results)
    if not passed:
        raise model.ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _text_source(text: model.Text, tree_root) -> tuple | None:
    """What the cs:text renders (variable, macro, term or value) and the style's default language."""
    kind = next((k for k in ("variable", "macro", "term", "value") if k in text.attrib), None)
    return None if kind is None else (kind, text.get(kind), tree_root.get("default-locale", "en")[:2])


def _text_process(self, item, context=None, **kwargs):
    # As Text.process, without two exceptions per call for items that state no language.
    source = self.__dict__.get("citekit_text")
    if source is None:
        return _ORIGINALS["text_process"](self, item, context=context, **kwargs)
    kind, name, default_language = source
    language = dict.get(item.reference, "language", _MISSING)
    language = default_language if language is _MISSING else language[:2]
    if kind == "variable":
        text = self._variable(item, self if context is None else context)
    elif kind == "macro":
        text = self.get_macro(name).render(item, self if context is None else context)
    elif kind == "term":
        text = self._term(item)
    else:
        text = model.String(self.preformat(name))
    return text, language


def _term_form(form: str):
    """Term.single / Term.multiple, remembered per term and output formatter."""
    original = getattr(model.Term, form).fget

    def read(self):
        if "citekit_root" not in self.__dict__:
            return original(self)
        formatter = self.get_formatter()
        key = f"citekit_{form}"
        known = self.__dict__.get(key)
        if known is None or known[0] is not formatter:
            known = (formatter, original(self))
            setattr(self, key, known)
        return known[1]

    return property(read)


def _get_root(self):
    root = self.__dict__.get("citekit_root")
    return root if root is not None else _ORIGINALS["get_root"](self)


def _xpath_search(self, expression):
    # Safe to keep: the expressions citeproc-py asks (ancestors, macros, dates, substitute,
    # et-al sibling) do not change when it inserts a default cs:name into a cs:names.
    cache = self.__dict__.get("citekit_xpath")
    if cache is None:
        return _ORIGINALS["xpath_search"](self, expression)
    found = cache.get(expression)
    if found is None:
        found = cache[expression] = _ORIGINALS["xpath_search"](self, expression)
    return found


def _get_macro(self, name):
    macros = self.get_root().__dict__.get("citekit_macros")
    if macros is not None and name in macros:
        return macros[name]
    return _ORIGINALS["get_macro"](self, name)


def _get_term(self, name, form=None, zero_padded=False):
    terms = self.__dict__.get("citekit_terms")
    if terms is None:
        return _ORIGINALS["get_term"](self, name, form, zero_padded)
    key = (name, form, zero_padded)
    if key not in terms:
        try:
            terms[key] = _ORIGINALS["get_term"](self, name, form, zero_padded)
        except IndexError:
            terms[key] = None
    if terms[key] is None:
        raise IndexError(name)
    return terms[key]


def _get_locale_option(self, name):
    options = self.get_root().__dict__.get("citekit_locale_options")
    if options is None:
        return _ORIGINALS["get_locale_option"](self, name)
    value = options.get(name, _MISSING)
    if value is _MISSING:
        value = options[name] = _ORIGINALS["get_locale_option"](self, name)
    return value


def _get_formatter(self):
    if "citekit_root" not in self.__dict__:
        return _ORIGINALS["get_formatter"](self)
    root = self.__dict__["citekit_root"]
    return root.style.formatter if isinstance(root, model.Locale) else root.formatter


def _calls_variable(self):
    # Whether an element (or a macro it calls) uses a variable depends on the style alone.
    answer = self.__dict__.get("citekit_calls")
    if answer is None:
        answer = _ORIGINALS["parent_calls" if isinstance(self, model.Parent) else "text_calls"](self)
        if "citekit_root" in self.__dict__:
            self.citekit_calls = answer
    return answer


def _name_option(self, name, context=None, sort_options=None):
    # Name.get_option raised and caught a TypeError per call without sort options, then
    # searched the ancestors; the answer depends on the style and the context alone.
    options = self.__dict__.get("citekit_options")
    if options is None or (sort_options is not None and name in sort_options):
        return _ORIGINALS["name_option"](self, name, context, sort_options)
    key = (name, context)
    if key not in options:
        options[key] = _ORIGINALS["name_option"](self, name, context, None)
    return options[key]


def _format(self, string):
    if self.__dict__.get("citekit_plain_format"):
        return str(string) if isinstance(string, (int, float)) else string
    return _ORIGINALS["format"](self, string)


def _renders_localized_dates(element, macros: dict, seen: set | None = None) -> bool:
    """Whether rendering may reach a localized cs:date with its own date-parts (through macros)."""
    seen = set() if seen is None else seen
    for child in element.iter():
        if isinstance(child, model.Date) and child.get("form") is not None and len(child):
            return True
        name = child.get("macro")
        if name and name not in seen and name in macros:
            seen.add(name)
            if _renders_localized_dates(macros[name], macros, seen):
                return True
    return False


def _sort(self, items, context):
    # One item needs no order: citeproc-py still rendered its sort keys (a fifth of the
    # time when every entry is cited alone to find year suffixes). Not when a key renders a
    # localized date with its own date-parts: citeproc-py then copies their attributes onto
    # the locale's, which later entries see, and output must stay byte-identical.
    if len(items) < 2 and self.__dict__.get("citekit_single_as_is"):
        return list(items)
    return _ORIGINALS["sort"](self, items, context)


def _position(self, item, context):
    # citeproc-py scans every earlier cite for the key; an uncited key is simply "first".
    layout_context = self if context is None else context
    cites = layout_context.get_layout().getparent().cites
    if (
        "citekit_root" not in self.__dict__
        or not isinstance(cites, CitedKeys)
        or item.key in cites.keys_seen
        or layout_context.xpath_search("./ancestor::*[self::cs:bibliography]")
    ):
        return _ORIGINALS["position"](self, item, context)
    return [position == "first" for position in self.get("position").split()]


def install() -> None:
    """Put the wrappers in place (idempotent); they act only on styles passed to `enable`."""
    if _ORIGINALS:
        return
    element = model.CitationStylesElement
    _ORIGINALS.update(
        get_root=element.get_root, xpath_search=element.xpath_search, get_macro=element.get_macro,
        get_locale_option=element.get_locale_option, get_formatter=element.get_formatter,
        get_term=model.Locale.get_term, sort=model.Sort.sort, position=model.If._position,
        if_render=model.If.render, parent_calls=model.Parent.calls_variable,
        text_calls=model.Text.calls_variable, format=model.Formatted.format, text_process=model.Text.process,
        name_option=model.Name.get_option,
    )
    element.get_root = _get_root
    element.xpath_search = _xpath_search
    element.get_macro = _get_macro
    element.get_locale_option = _get_locale_option
    element.get_formatter = _get_formatter
    model.Locale.get_term = _get_term
    model.Sort.sort = _sort
    model.If._position = _position
    model.If.render = _if_render
    model.Parent.calls_variable = _calls_variable
    model.Text.calls_variable = _calls_variable
    model.Formatted.format = _format
    model.Text.process = _text_process
    model.Name.get_option = _name_option
    model.Term.single = _term_form("single")
    model.Term.multiple = _term_form("multiple")
