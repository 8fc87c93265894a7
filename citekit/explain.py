"""The trail behind one citation: its source records, every repair, every merge choice, its key rule."""
from __future__ import annotations

import json

from citekit.model import Citation, Outcome


def find_citation(outcome: Outcome, key: str) -> Citation | None:
    """The citation with this key (exact, then case-insensitive), or None."""
    exact = [c for c in outcome.citations if c.key == key]
    if exact:
        return exact[0]
    folded = [c for c in outcome.citations if c.key.lower() == key.lower()]
    return folded[0] if len(folded) == 1 else None


def explanation(citation: Citation) -> dict:
    """A plain dict (JSON-ready) of everything that made this citation what it is."""
    work = citation.work
    return {
        "key": citation.key,
        "key_rule": citation.key_rule,
        "title": work.title,
        "records": [
            {
                "source": str(record.span),
                "last_line": record.span.last_line,
                "layout": record.source.layout,
                "raw_text": record.source.raw_text,
                "repairs": [
                    {"field": s.field, "fixer": s.fixer, "before": s.before, "after": s.after} for s in record.steps
                ],
            }
            for record in work.records
        ],
        "choices": [
            {"field": c.field, "rule": c.rule, "from": [str(s) for s in c.from_spans]} for c in work.choices
        ],
    }


def render_explanation(citation: Citation, as_json: bool = False) -> str:
    """Human-readable (or JSON) text of `explanation(citation)`."""
    data = explanation(citation)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{data['key']}  ({data['key_rule']})", f"  title: {data['title']}", "", "source records:"]
    for record in data["records"]:
        lines.append(f"  {record['source']}-{record['last_line']}  [{record['layout']}]")
        lines.extend(f"    | {raw}" for raw in record["raw_text"].split("\n"))
        for step in record["repairs"]:
            lines.append(f"    repair {step['field']} by {step['fixer']}: {step['before']!r} -> {step['after']!r}")
    lines += ["", "merge choices:"]
    lines.extend(f"  {c['field']}: {c['rule']} (from {', '.join(c['from'])})" for c in data["choices"])
    return "\n".join(lines) + "\n"
