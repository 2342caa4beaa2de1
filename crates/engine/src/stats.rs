//! `catena stats`: how many entities of each class, how many facts of each relation.

use crate::sparql::{self, QueryError, QueryOutput};
use oxigraph::store::Store;

/// Entities (and statements) by their asserted class, with the class's English label.
const BY_CLASS: &str = r#"
SELECT ?class ?label (COUNT(DISTINCT ?node) AS ?count) WHERE {
  GRAPH ?g { ?node a ?class }
  FILTER (?g NOT IN (<https://w3id.org/catena/ontology>, src:catalogue))
  OPTIONAL { GRAPH <https://w3id.org/catena/ontology> { ?class rdfs:label ?label FILTER (LANGMATCHES(LANG(?label), "en")) } }
}
GROUP BY ?class ?label
ORDER BY DESC(?count) ?class
"#;

/// Distinct facts by property (a fact cited by two passages counts once), with the
/// number of passages that cite facts of that property.
const BY_RELATION: &str = r#"
SELECT ?relation ?label (COUNT(DISTINCT CONCAT(STR(?s), " ", STR(?o))) AS ?facts) (COUNT(DISTINCT ?g) AS ?passages) WHERE {
  GRAPH ?g { ?s ?relation ?o }
  FILTER (?g NOT IN (<https://w3id.org/catena/ontology>, src:catalogue))
  FILTER (?relation != rdf:type)
  OPTIONAL { GRAPH <https://w3id.org/catena/ontology> { ?relation rdfs:label ?label FILTER (LANGMATCHES(LANG(?label), "en")) } }
}
GROUP BY ?relation ?label
ORDER BY DESC(?facts) ?relation
"#;

/// Totals shown above the tables.
const TOTALS: &str = r#"
SELECT ?facts ?passages ?entities ?statements WHERE {
  { SELECT (COUNT(*) AS ?facts) (COUNT(DISTINCT ?g) AS ?passages) WHERE {
      GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN (<https://w3id.org/catena/ontology>, src:catalogue)) } }
  { SELECT (COUNT(DISTINCT ?s) AS ?entities) WHERE {
      GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN (<https://w3id.org/catena/ontology>, src:catalogue) && STRSTARTS(STR(?s), STR(ent:))) } }
  { SELECT (COUNT(DISTINCT ?s) AS ?statements) WHERE {
      GRAPH ?g { ?s ?p ?o } FILTER (?g NOT IN (<https://w3id.org/catena/ontology>, src:catalogue) && STRSTARTS(STR(?s), STR(stmt:))) } }
}
"#;

pub struct Stats {
    pub totals: QueryOutput,
    pub by_class: QueryOutput,
    pub by_relation: QueryOutput,
}

pub fn compute(store: &Store) -> Result<Stats, QueryError> {
    Ok(Stats {
        totals: sparql::run(store, TOTALS)?,
        by_class: sparql::run(store, BY_CLASS)?,
        by_relation: sparql::run(store, BY_RELATION)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::KnowledgeGraph;

    fn column(output: &QueryOutput, name: &str) -> Vec<String> {
        let QueryOutput::Solutions { variables, rows } = output else {
            panic!("expected rows");
        };
        let index = variables
            .iter()
            .position(|v| v.as_str() == name)
            .expect("variable present");
        rows.iter()
            .map(|row| crate::render::display_term(row[index].as_ref()))
            .collect()
    }

    #[test]
    fn counts_the_embedded_graph() {
        let graph = KnowledgeGraph::embedded().expect("loads");
        let stats = compute(graph.store()).expect("runs");
        let classes = column(&stats.by_class, "class");
        assert!(classes.contains(&"cat:Company".to_owned()), "{classes:?}");
        let relations = column(&stats.by_relation, "relation");
        assert!(
            relations.contains(&"cat:dependsOnManufacturingFrom".to_owned()),
            "{relations:?}"
        );
        assert!(!relations.contains(&"rdf:type".to_owned()));
        let entities: usize = column(&stats.totals, "entities")[0]
            .parse()
            .expect("a number");
        assert!(entities > 100, "{entities}");
    }
}
