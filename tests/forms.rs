//! The table of question forms (`catena::forms`) agrees with what people read: every example
//! translates on the shipped graph, and README and `.help` show every form.

use catena::forms::{FORMS, help_examples};
use catena::graph::KnowledgeGraph;
use catena::session::Session;

fn session() -> Session {
    let graph = KnowledgeGraph::embedded().expect("the shipped graph");
    Session::new(graph).expect("a session")
}

/// Every example of every form, English and Italian.
fn examples() -> impl Iterator<Item = (&'static str, &'static str)> {
    FORMS.iter().flat_map(|form| {
        form.examples.iter().flat_map(move |example| {
            std::iter::once(example.english)
                .chain(example.italian)
                .map(move |question| (form.name, question))
        })
    })
}

#[test]
fn every_example_parses_and_translates() {
    let session = session();
    for (form, question) in examples() {
        if let Err(e) = session.translate(question) {
            panic!("{form}: `{question}` fails:\n{}", e.report(question));
        }
    }
}

#[test]
fn readme_shows_every_listed_example_and_every_keyword() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let lines = help_examples();
    assert!(
        readme.contains(&lines),
        "README's list of question forms should read:\n{lines}"
    );
    // The forms that are not listed are told in a sentence, in both languages.
    let help = catena::shell::HELP.as_str();
    for form in FORMS.iter().filter(|form| !form.listed) {
        for phrase in form.languages().iter().flat_map(|words| words.phrases) {
            assert!(help.contains(phrase), "`.help` does not mention `{phrase}`");
            assert!(
                readme.contains(phrase),
                "README does not mention `{phrase}`"
            );
        }
    }
}

/// The resolver tries no run longer than `LONGEST_PHRASE` words as a relation's phrase: the
/// ontology has none longer.
#[test]
fn no_relation_phrase_is_longer_than_the_resolver_tries() {
    let vocabulary = session().vocabulary();
    for relation in &vocabulary.relations {
        let phrases = [
            &relation.phrases,
            &relation.inverse_phrases,
            &relation.plural_phrases,
            &relation.participles,
            &relation.passives,
            &relation.subject_nouns,
            &relation.object_nouns,
        ];
        for phrase in phrases.into_iter().flatten() {
            assert!(
                phrase.key.split(' ').count() <= catena_language::noun_phrase::LONGEST_PHRASE,
                "{}: `{}`",
                relation.label,
                phrase.text
            );
        }
    }
}
