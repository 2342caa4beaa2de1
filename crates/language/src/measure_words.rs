//! A measure asked for in a sentence rather than as `‹measure› of X`: `how many GPUs does
//! DeepSeek hold`, `how many H100 GPUs does DeepSeek hold according to Alexandr Wang`,
//! `quante università cinesi offrono corsi di IA`, `how much did DeepSeek spend on
//! infrastructure`, `universities offering AI courses`.
//!
//! The words are read as names (the longest first, anywhere) and the words left over; those
//! must all be words of one of a measure's phrases (forgiving plurals and the small words
//! of a sentence), and the measure whose phrase they cover best is asked. The name that is
//! not an adjective of the measure's words (`H100` in `H100 GPUs`) is the measure's subject.

use crate::ast::Word;
use crate::resolve::{Plan, Resolver};
use crate::vocabulary::{Entity, Measure, phrase_key};

/// Words that join the words of a phrase: articles, prepositions, conjunctions, relative
/// pronouns. A measure's phrase may be typed with or without them.
const GLUE_WORDS: &[&str] = &[
    "the", "a", "an", "of", "by", "in", "on", "for", "to", "at", "that", "and", "il", "lo", "la",
    "i", "gli", "le", "l'", "un", "una", "uno", "di", "da", "su", "per", "con", "che", "ad", "ed",
    "e",
];

/// Words that make a sentence of a question without naming what it asks: auxiliaries,
/// copulas, pronouns, question words and verbs of having and making. Only a question that
/// asks for a number (`how many GPUs does DeepSeek hold`) may have them.
const SENTENCE_WORDS: &[&str] = &[
    "does", "do", "did", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being",
    "its", "their", "it", "they", "there", "what", "which", "number", "total", "ha", "hanno", "ho",
    "è", "sono", "era", "erano", "si", "ci", "sua", "suo", "sue", "suoi", "loro", "numero",
    "totale", "stato", "stata", "stati", "state", "produce", "produces", "produced", "make",
    "makes", "get", "gets", "got", "fa", "fanno", "who", "whom", "how", "many", "much", "when",
    "where", "this", "these", "those", "or", "not", "o", "non", "chi", "cosa", "quanto", "quanti",
    "quante", "quale", "quali", "dove", "quando",
];

/// Whether a (stemmed) word carries no meaning of its own in a question `asked` so.
fn is_small(word: &str, asked: Asked) -> bool {
    GLUE_WORDS.contains(&word) || (asked != Asked::Unsaid && SENTENCE_WORDS.contains(&word))
}

/// The least share of a phrase's words the typed words must be: one word in three is a
/// coincidence (`that` of `companies that joined`), not a question about the measure.
const MIN_COVERAGE: f64 = 0.5;

/// Words that introduce who said it (`according to Alexandr Wang`, `secondo Alexandr Wang`):
/// the rest of the question names the claimant, not the measure.
const ATTRIBUTION: &[&[&str]] = &[&["according", "to"], &["secondo"], &["per", "conto", "di"]];

/// How sure a reading must be: after `how many`/`how much` the question already asks for a
/// number, and the typed words need only be half of a measure's phrase; with no question
/// word they must be all of one (`GPUs held by DeepSeek`), or any sentence with a name and
/// a word of a measure in it would read as that measure (`how does NVIDIA make chips`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    ForANumber,
    /// After `how many`, every typed word of a measure's phrase: sure enough to come before a
    /// count (`how many GPUs did Grok 3 use`).
    ForANumberWholly,
    Unsaid,
}

impl Asked {
    fn least_coverage(self) -> f64 {
        match self {
            Self::ForANumber => MIN_COVERAGE,
            Self::ForANumberWholly | Self::Unsaid => 1.0,
        }
    }
}

/// The measure and its subject the words ask about, if they read as one.
pub(crate) fn measure_reading(
    resolver: &Resolver<'_>,
    words: &[Word],
    asked: Asked,
) -> Option<Plan> {
    let words = &words[..attribution_start(words).unwrap_or(words.len())];
    let names = names_in(resolver, words);
    let leftover: Vec<(usize, String)> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| !names.iter().any(|(range, _)| range.contains(i)))
        .map(|(i, w)| (i, stem(&w.text)))
        .filter(|(_, w)| !w.is_empty() && !is_small(w, asked))
        .collect();
    if leftover.is_empty() {
        return None;
    }
    let typed: Vec<&str> = leftover.iter().map(|(_, w)| w.as_str()).collect();
    let measure = best_measure(
        &resolver.vocabulary().measures,
        &typed,
        asked.least_coverage(),
    )?;
    // A name just before a measure word qualifies it (`H100 GPUs`); the subject is another.
    let qualifies = |end: usize| leftover.iter().any(|(i, _)| *i == end);
    let subject = names
        .iter()
        .filter(|(range, _)| !qualifies(range.end))
        .map(|(_, entity)| entity)
        .next_back()
        .or_else(|| names.last().map(|(_, entity)| entity))
        .cloned();
    Some(Plan::Attribute {
        measure,
        entity: subject,
    })
}

/// The one name among the words (`when was Stargate announced`), if there is one.
pub(crate) fn single_name(resolver: &Resolver<'_>, words: &[Word]) -> Option<Entity> {
    match names_in(resolver, words).as_slice() {
        [(_, entity)] => Some(entity.clone()),
        _ => None,
    }
}

/// Where `according to …` starts, if it does after a first word.
fn attribution_start(words: &[Word]) -> Option<usize> {
    (1..words.len()).find(|&at| {
        ATTRIBUTION.iter().any(|lead| {
            lead.len() + at < words.len()
                && lead
                    .iter()
                    .zip(&words[at..])
                    .all(|(l, w)| w.text.eq_ignore_ascii_case(l))
        })
    })
}

/// The names among the words, longest first and without overlap, each with its word range.
fn names_in(resolver: &Resolver<'_>, words: &[Word]) -> Vec<(std::ops::Range<usize>, Entity)> {
    let mut found: Vec<(std::ops::Range<usize>, Entity)> = vec![];
    for length in (1..=words.len()).rev() {
        for start in 0..=words.len() - length {
            let range = start..start + length;
            if found
                .iter()
                .any(|(r, _)| r.start < range.end && range.start < r.end)
            {
                continue;
            }
            // A lone small word (`a`, `i`) is never a name here.
            if length == 1 && is_small(&stem(&words[start].text), Asked::ForANumber) {
                continue;
            }
            if let Some(entity) = resolver.find_entity(&words[range.clone()]) {
                found.push((range, entity));
            }
        }
    }
    found.sort_by_key(|(range, _)| range.start);
    found
}

/// The measure one of whose phrases holds every typed word, the one whose phrase they cover
/// most of; none when two measures tie (the words do not tell them apart).
fn best_measure(measures: &[Measure], typed: &[&str], least: f64) -> Option<Measure> {
    let mut best: Option<(f64, &Measure)> = None;
    let mut tied = false;
    for measure in measures {
        let score = measure
            .phrases
            .iter()
            .filter_map(|phrase| coverage(&phrase.key, typed).filter(|c| *c >= least))
            .fold(None, |best: Option<f64>, s| {
                Some(best.map_or(s, |b| b.max(s)))
            });
        let Some(score) = score else { continue };
        match best {
            Some((top, _)) if (score - top).abs() < f64::EPSILON => tied = true,
            Some((top, _)) if score < top => {}
            _ => {
                best = Some((score, measure));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, measure)| measure.clone())
}

/// How much of a phrase the typed words cover (0–1), when the phrase holds every one of them.
fn coverage(phrase_key: &str, typed: &[&str]) -> Option<f64> {
    // A stem is the start of its word (but for `ies` → `y`): most phrases are ruled out
    // before their words are stemmed.
    if !typed
        .iter()
        .all(|t| phrase_key.contains(t.strip_suffix('y').unwrap_or(t)))
    {
        return None;
    }
    // The phrase's key is already in normal form: its words are only stemmed.
    let words: Vec<String> = phrase_key
        .split(' ')
        .map(stem_key)
        .filter(|w| !is_small(w, Asked::ForANumber))
        .collect();
    if words.is_empty() || !typed.iter().all(|t| words.iter().any(|w| w == t)) {
        return None;
    }
    let covered = words.iter().filter(|w| typed.contains(&w.as_str())).count();
    let share = covered as f64 / words.len() as f64;
    (share >= MIN_COVERAGE).then_some(share)
}

/// A word as measures are matched: lower case, its prepositions simple, without a plural or
/// an Italian ending (`GPUs` → `gpu`, `università` → `universit`, `corsi` → `cors`).
fn stem(word: &str) -> String {
    stem_key(&phrase_key(word))
}

/// [`stem`] of a word already in a phrase key's form.
fn stem_key(word: &str) -> String {
    let word = word.to_owned();
    if is_small(&word, Asked::ForANumber) || word.chars().count() <= 3 {
        return word;
    }
    let trimmed = word
        .strip_suffix("ies")
        .map(|w| format!("{w}y"))
        .or_else(|| word.strip_suffix('s').map(str::to_owned))
        .unwrap_or_else(|| word.clone());
    match trimmed.char_indices().last() {
        Some((at, 'a' | 'e' | 'i' | 'o' | 'à' | 'è' | 'é' | 'ì' | 'ò' | 'ù')) if at >= 3 => {
            trimmed[..at].to_owned()
        }
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{Lang, Phrase};
    use oxrdf::NamedNode;

    fn measure(name: &str, phrases: &[&str]) -> Measure {
        Measure {
            iri: NamedNode::new_unchecked(format!("https://w3id.org/catena/ontology#{name}")),
            label: name.to_owned(),
            phrases: phrases.iter().map(|p| Phrase::new(p, Lang::En)).collect(),
        }
    }

    #[test]
    fn plurals_and_italian_endings_meet() {
        assert_eq!(stem("GPUs"), stem("GPU"));
        assert_eq!(stem("universities"), stem("university"));
        assert_eq!(stem("corsi"), stem("corso"));
        assert_eq!(stem("the"), "the");
    }

    #[test]
    fn the_measure_whose_words_are_typed_wins_and_a_tie_is_none() {
        let measures = [
            measure("GPUsHeld", &["GPUs held", "GPUs hold"]),
            measure("GPUsUsed", &["GPUs used", "GPUs used to train"]),
        ];
        let held = best_measure(&measures, &[&stem("GPUs"), &stem("hold")], MIN_COVERAGE);
        assert_eq!(held.map(|m| m.label), Some("GPUsHeld".to_owned()));
        assert!(best_measure(&measures, &[&stem("GPUs")], MIN_COVERAGE).is_none());
        assert!(best_measure(&measures, &[&stem("chips")], MIN_COVERAGE).is_none());
        // One word of three is a coincidence, not the measure.
        let joined = [measure("CompaniesJoined", &["companies joined this year"])];
        assert!(best_measure(&joined, &[&stem("joined")], MIN_COVERAGE).is_none());
        // Without a question word, the words must be a whole phrase.
        let chips = [measure("AcceleratorChips", &["accelerator chips"])];
        assert!(best_measure(&chips, &[&stem("chips")], Asked::Unsaid.least_coverage()).is_none());
        assert!(best_measure(&chips, &[&stem("chips")], MIN_COVERAGE).is_some());
    }
}
