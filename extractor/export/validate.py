"""Checking RDF output against the SHACL shapes shipped with newsgraph (pySHACL)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

from ..model.paths import StrPath
from ..model.usage import UsageError
from .rdf.formats import RDFReadError, read_rdf


@cache
def shapes() -> Graph:
    return Graph().parse(
        data=resources.files("extractor.export.rdf").joinpath("shapes.ttl").read_text(), format="turtle"
    )


@cache
def ontology() -> Graph:
    return Graph().parse(
        data=resources.files("extractor.export.rdf").joinpath("ontology.ttl").read_text(), format="turtle"
    )


def fresh(graph: Graph) -> Graph:
    """A copy for pySHACL, which adds triples to the graphs it is given: the cached ones stay as parsed."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


def validate_graph(data: Graph) -> list[Violation]:
    """Violations of the shipped shapes; the ontology supplies the class hierarchy."""
    import pyshacl

    union = Graph()
    for triple in data:
        union.add(triple)
    _conforms, report, _text = pyshacl.validate(
        union, shacl_graph=fresh(shapes()), ont_graph=fresh(ontology()), inference="none", allow_warnings=True
    )
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage) or report.value(result, SH.sourceConstraintComponent)
        severity = report.value(result, SH.resultSeverity)
        out.append(
            Violation(
                str(focus), _short(path), str(message), str(severity).rsplit("#", 1)[-1] if severity else "Violation"
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def _short(term: object) -> str:
    if term is None:
        return ""
    text = str(term)
    for prefix, ns in (
        ("ng:", "https://w3id.org/newsgraph/ontology#"),
        ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
        ("schema:", "https://schema.org/"),
        ("dcterms:", "http://purl.org/dc/terms/"),
    ):
        if isinstance(term, URIRef) and text.startswith(ns):
            return prefix + text[len(ns) :]
    return text


def validate_file(path: StrPath) -> list[Violation]:
    """Violations in an RDF file (any format newsgraph writes); raises RDFReadError if unreadable."""
    ds = read_rdf(path)
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return validate_graph(g)


def validate_store(path: StrPath) -> list[Violation]:
    """Violations in an Oxigraph store (what ``merge --out STORE`` writes), all its graphs as one;
    raises RDFReadError if it is not a store."""
    import pyoxigraph as ox

    try:
        quads = ox.Store.read_only(str(path)).dump(format=ox.RdfFormat.N_QUADS)
    except OSError as error:
        raise RDFReadError(f"{path}: not an Oxigraph store: {error}") from None
    ds = Dataset()
    ds.parse(data=quads.decode("utf-8"), format="nquads")
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return validate_graph(g)


def validate_files(paths: Iterable[StrPath]) -> Iterator[tuple[Path, list[Violation]]]:
    """Each RDF file or store directory and its violations, one at a time, as ``newsgraph validate``
    prints them; a path that is neither, or not readable RDF, raises UsageError when it is reached."""
    for path in map(Path, paths):
        if not path.exists():
            raise UsageError(f"{path}: no such file or store")
        try:
            violations = validate_store(path) if path.is_dir() else validate_file(path)
        except RDFReadError as error:
            raise UsageError(str(error)) from None
        yield path, violations


__all__ = [
    "Violation",
    "validate_file",
    "validate_files",
    "validate_graph",
    "validate_store",
]
