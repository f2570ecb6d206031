"""Show how newsgraph reads a sentence: its parse, entities, references and each rule's facts.

    python -m extractor.nlp.rules.explain "Salesforce invested $250 million in Anthropic." [--rule ID]

For whoever writes or debugs a rule: the parse is what patterns match against.
"""

from __future__ import annotations

import argparse
import sys

from ...text.article import from_text
from ..api import make_doc
from ..pipeline import shared


def explain(text: str, rule: str | None = None, published: str | None = None, model: str | None = None) -> str:
    nlp = shared(model)
    doc = nlp(make_doc(nlp, from_text(text, "explain", published=published)))
    lines = []
    for sent in doc.sents:
        lines.append(" ".join(f"{t.i}:{t.text}/{t.pos_}/{t.dep_}>{t.head.i}" for t in sent if not t.is_space))
    lines.append(
        "entities: " + "; ".join(f"{c.id} {c.name} ({c.type}{'/' + c.kind if c.kind else ''})" for c in doc._.entities)
    )
    named = {i for e in doc.ents for i in range(e.start, e.end)}
    refs = {doc[i].text + f"@{i}": ids for i, ids in doc._.mention_of.items() if i not in named}
    if refs:
        lines.append("references: " + "; ".join(f"{k} -> {','.join(v)}" for k, v in refs.items()))
    names = {c.id: c.name for c in doc._.entities}
    for f in nlp.get_pipe("newsgraph_relations").facts(doc):
        if rule is None or f.rule == rule:
            extra = f" amount={f.amount.value:g} {f.amount.currency}" if f.amount else ""
            extra += f" date={f.date}" if f.date else ""
            lines.append(
                f"{f.rule}: {names[f.subject]} {f.predicate} {names[f.object]} "
                f"[{f.status}, {f.confidence}{extra}] at {f.attrs['trigger'].text}@{f.attrs['trigger'].i}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", nargs="+")
    ap.add_argument("--rule")
    ap.add_argument("--published")
    ap.add_argument("--model")
    a = ap.parse_args(argv)
    for text in a.text:
        print(explain(text, a.rule, a.published, a.model), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
