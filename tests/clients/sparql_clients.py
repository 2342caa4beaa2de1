#!/usr/bin/env python3
"""Talks to a catena SPARQL endpoint with real third-party SPARQL clients.

Usage: python3 tests/clients/sparql_clients.py http://127.0.0.1:PORT/sparql

Uses SPARQLWrapper and rdflib's SPARQLStore (`pip install SPARQLWrapper rdflib`), prints one
line per check and exits non-zero if any check fails (3 if the clients are not installed).
tests/serve.rs runs it against a server it starts on 127.0.0.1.
"""

import sys
import urllib.error

ENT = "https://w3id.org/catena/entity/"
TSMC = ENT + "TSMC"

# Who manufactures for NVIDIA. The PREFIX lines are optional (catena predefines them) but a
# generic client's query carries them.
SELECT_SUPPLIERS = """
PREFIX cat: <https://w3id.org/catena/ontology#>
PREFIX ent: <https://w3id.org/catena/entity/>
SELECT ?supplier WHERE { ent:NVIDIA cat:dependsOnManufacturingFrom ?supplier }
"""

ASK_TSMC = "ASK { ent:NVIDIA cat:dependsOnManufacturingFrom ent:TSMC }"

CONSTRUCT_DEPENDENCIES = """
CONSTRUCT { ?who cat:dependsOn ?what } WHERE { ?who cat:dependsOn ?what }
"""

MALFORMED = "SELECT ?x WHERE { ?x ?y }"


def wrapper(url, return_format, method=None):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(url)
    client.setReturnFormat(return_format)
    client.setTimeout(30)
    if method is not None:
        client.setMethod(method)
    return client


def sparqlwrapper_select_json(url):
    from SPARQLWrapper import JSON

    client = wrapper(url, JSON)
    client.setQuery(SELECT_SUPPLIERS)
    bindings = client.queryAndConvert()["results"]["bindings"]
    suppliers = {b["supplier"]["value"] for b in bindings}
    assert TSMC in suppliers, f"TSMC not among {suppliers}"
    return f"{len(bindings)} supplier(s) of NVIDIA, TSMC among them (GET, JSON)"


def sparqlwrapper_select_xml_post(url):
    from SPARQLWrapper import POST, XML

    client = wrapper(url, XML, POST)
    client.setQuery(SELECT_SUPPLIERS)
    document = client.queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert TSMC in uris, f"TSMC not among {uris}"
    return f"{len(uris)} IRI(s), TSMC among them (POST form, XML)"


def sparqlwrapper_ask(url):
    from SPARQLWrapper import JSON

    client = wrapper(url, JSON)
    client.setQuery(ASK_TSMC)
    answer = client.queryAndConvert()["boolean"]
    assert answer is True, f"ASK answered {answer!r}"
    return "NVIDIA depends on TSMC for manufacturing: true"


def sparqlwrapper_construct_turtle(url):
    import rdflib
    from SPARQLWrapper import TURTLE

    client = wrapper(url, TURTLE)
    client.setQuery(CONSTRUCT_DEPENDENCIES)
    data = client.queryAndConvert()
    graph = rdflib.Graph()
    graph.parse(data=data, format="turtle")
    assert len(graph) > 0, "empty graph"
    return f"{len(graph)} triples parsed from Turtle into an rdflib Graph"


def sparqlwrapper_construct_rdfxml(url):
    from SPARQLWrapper import XML

    client = wrapper(url, XML)
    client.setQuery(CONSTRUCT_DEPENDENCIES)
    graph = client.queryAndConvert()  # RDF/XML, parsed by SPARQLWrapper into rdflib
    assert len(graph) > 0, "empty graph"
    return f"{len(graph)} triples (RDF/XML, SPARQLWrapper's default format)"


def sparqlwrapper_malformed_is_400(url):
    from SPARQLWrapper import JSON
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = wrapper(url, JSON)
    client.setQuery(MALFORMED)
    try:
        client.queryAndConvert()
    except QueryBadFormed as error:
        message = str(error)
        assert "invalid SPARQL at 1:" in message, f"no position in: {message}"
        return "HTTP 400 QueryBadFormed: " + message.splitlines()[-1].strip()[:100]
    raise AssertionError("a malformed query was answered")


def sparqlwrapper_update_is_403(url):
    from SPARQLWrapper import POST

    client = wrapper(url, "json", POST)
    client.setQuery("INSERT DATA { ent:a ent:b ent:c }")
    try:
        client.query()
    except urllib.error.HTTPError as error:
        assert error.code == 403, f"HTTP {error.code}"
        return "HTTP 403: the endpoint is read-only"
    raise AssertionError("an update was accepted")


def sparqlstore(url, method="GET"):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    return Graph(store=SPARQLStore(url, method=method, timeout=30))


def rdflib_select(url):
    graph = sparqlstore(url)
    rows = list(graph.query(SELECT_SUPPLIERS))
    suppliers = {str(row[0]) for row in rows}
    assert TSMC in suppliers, f"TSMC not among {suppliers}"
    return f"{len(rows)} row(s), TSMC among them"


def rdflib_ask_post(url):
    graph = sparqlstore(url, method="POST")
    answer = graph.query(ASK_TSMC).askAnswer
    assert answer is True, f"ASK answered {answer!r}"
    return "true (POST application/sparql-query)"


def rdflib_construct(url):
    graph = sparqlstore(url)
    result = graph.query(CONSTRUCT_DEPENDENCIES)
    assert result.graph is not None and len(result.graph) > 0, "empty graph"
    return f"{len(result.graph)} triples in an rdflib Graph"


CHECKS = [
    ("SPARQLWrapper SELECT", sparqlwrapper_select_json),
    ("SPARQLWrapper SELECT (POST, XML)", sparqlwrapper_select_xml_post),
    ("SPARQLWrapper ASK", sparqlwrapper_ask),
    ("SPARQLWrapper CONSTRUCT (Turtle)", sparqlwrapper_construct_turtle),
    ("SPARQLWrapper CONSTRUCT (RDF/XML)", sparqlwrapper_construct_rdfxml),
    ("SPARQLWrapper malformed query", sparqlwrapper_malformed_is_400),
    ("SPARQLWrapper update refused", sparqlwrapper_update_is_403),
    ("rdflib SPARQLStore SELECT", rdflib_select),
    ("rdflib SPARQLStore ASK", rdflib_ask_post),
    ("rdflib SPARQLStore CONSTRUCT", rdflib_construct),
]


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    url = argv[1]
    try:
        import rdflib  # noqa: F401
        import SPARQLWrapper  # noqa: F401
    except ImportError as error:
        print(f"FAIL cannot import the clients ({error}): run `pip install SPARQLWrapper rdflib`")
        return 3
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"ok   {name}: {check(url)}", flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported the same way
            failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    print(f"clients: {len(CHECKS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
