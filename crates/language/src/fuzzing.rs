//! The entry point of the `question` fuzz target (`fuzz/fuzz_targets/question.rs`), shared
//! with the test that replays its corpus (`tests/fuzz_corpus.rs`): the language alone, over a
//! lexicon, with no store, so that the fuzzer spends its time in parse, resolve and compile.
//!
//! It panics only when an invariant breaks: a panic in the language, a diagnostic that points
//! outside its question or cannot be rendered, a compiled query that does not parse back.

use spargebra::SparqlParser;

use crate::diagnostic::Diagnostic;
use crate::vocabulary::Vocabulary;
use crate::{Untranslatable, translate};

/// A question, as typed in the REPL or given with `-e`, translated over `lexicon`. A
/// `sparql …` question's query is the user's, passed on as written: only catena's own
/// queries must parse.
pub fn question(data: &[u8], lexicon: &Vocabulary) {
    let text = String::from_utf8_lossy(data);
    let compiled = match translate(&text, lexicon, false) {
        Err(Untranslatable::Parse(error) | Untranslatable::Resolve(error)) => {
            return check_diagnostic(&error, &text);
        }
        Ok((_, compiled)) => compiled,
    };
    let Some(query) = &compiled.query else {
        return;
    };
    check_parses(&text, &compiled.sparql);
    let printed = query.to_string();
    if printed != compiled.sparql {
        check_parses(&text, &printed);
    }
}

/// A diagnostic must point inside its question, on character boundaries, and render.
pub fn check_diagnostic(error: &Diagnostic, text: &str) {
    let span = error.span;
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "the error's span {span:?} is outside the question {text:?} ({} bytes): {error}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "the error's span {span:?} cuts a character of {text:?}: {error}"
    );
    assert!(error.line_column(text).is_some(), "{error}");
    assert!(!error.report(text).is_empty(), "{error}");
    assert!(error.to_json(text).is_object(), "{error}");
}

/// SPARQL that catena generated parses with catena's prefixes, as the store parses it.
fn check_parses(text: &str, sparql: &str) {
    if let Err(error) = parser().parse_query(sparql) {
        panic!("the question {text:?} compiled to SPARQL that does not parse ({error}):\n{sparql}");
    }
}

/// A parser that knows catena's prefixes, as the graph crate's `sparql` parses.
fn parser() -> SparqlParser {
    crate::vocab::sparql_parser()
}

#[cfg(test)]
mod tests {
    use oxrdf::{GraphName, Literal, NamedNode, Quad};

    use super::*;
    use crate::ast::Span;
    use crate::vocab::{self, OWL, RDF, RDFS};

    fn quad(subject: &str, predicate: &str, object: oxrdf::Term, graph: &GraphName) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(subject),
            NamedNode::new_unchecked(predicate),
            object,
            graph.clone(),
        )
    }

    /// A lexicon of one relation ("depends on") and two named companies.
    fn lexicon() -> Vocabulary {
        let ontology = GraphName::NamedNode(NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH));
        let depends = vocab::cat("dependsOn");
        let english = |text: &str| Literal::new_language_tagged_literal_unchecked(text, "en");
        let mut quads = vec![
            quad(
                &depends,
                &format!("{RDF}type"),
                NamedNode::new_unchecked(format!("{OWL}ObjectProperty")).into(),
                &ontology,
            ),
            quad(
                &depends,
                &format!("{RDFS}label"),
                english("depends on").into(),
                &ontology,
            ),
            quad(
                &depends,
                &vocab::cat("phrase"),
                english("depends on").into(),
                &ontology,
            ),
        ];
        for name in ["NVIDIA", "TSMC"] {
            quads.push(quad(
                &format!("{}{name}", vocab::ENT),
                &format!("{RDFS}label"),
                english(name).into(),
                &GraphName::DefaultGraph,
            ));
        }
        Vocabulary::from_dataset(&quads, vocab::ONTOLOGY_GRAPH)
    }

    #[test]
    fn the_lexicon_of_a_dataset_holds_its_relations_and_names() {
        let lexicon = lexicon();
        assert_eq!(lexicon.relations.len(), 1);
        assert_eq!(lexicon.entities.lookup("tsmc")[0].label, "TSMC");
    }

    #[test]
    fn a_question_that_compiles_passes() {
        let lexicon = lexicon();
        let (_, compiled) = translate("who depends on TSMC", &lexicon, false).expect("translates");
        assert!(compiled.query.is_some(), "{}", compiled.sparql);
        question(b"who depends on TSMC", &lexicon);
    }

    #[test]
    fn questions_that_do_not_translate_pass() {
        let lexicon = lexicon();
        for text in [
            "",
            "who",
            "who depends on Nobody",
            "\u{e8}\u{e8} ?",
            "\u{ff}\u{fe}",
        ] {
            question(text.as_bytes(), &lexicon);
        }
        question(&[0xff, 0xfe, b'w', b'h', b'o'], &lexicon);
    }

    #[test]
    fn a_sparql_question_is_not_parsed_here() {
        question(b"sparql SELECT nothing that parses", &lexicon());
    }

    #[test]
    #[should_panic(expected = "outside the question")]
    fn an_error_past_the_end_of_its_question_is_caught() {
        check_diagnostic(
            &Diagnostic::new(
                Span::new(4, 40),
                crate::diagnostic::Text::same("expected a relation"),
            ),
            "who depends",
        );
    }

    #[test]
    #[should_panic(expected = "cuts a character")]
    fn an_error_inside_a_character_is_caught() {
        check_diagnostic(
            &Diagnostic::new(
                Span::new(1, 2),
                crate::diagnostic::Text::same("expected a relation"),
            ),
            "è",
        );
    }

    #[test]
    #[should_panic(expected = "does not parse")]
    fn sparql_that_does_not_parse_is_caught() {
        check_parses("who", "SELECT * WHERE { ?a nope:b ?c }");
    }
}
