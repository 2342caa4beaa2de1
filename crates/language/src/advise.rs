//! Advice for a question that did not translate: the language it is written in (so that its
//! error is told in that language), a whole question close to the one typed that does
//! translate, and only those word suggestions that make it translate.
//!
//! The search for a working question edits the typed words — a word replaced by a close word
//! of the language or a close name, a word left out, a small joining word put in — one edit,
//! then two, nearest the error first, and keeps the first result the translator accepts. It
//! is bounded (a few hundred translations at most) and runs only on the way to an error.

use std::collections::{HashMap, HashSet};
use std::mem::Discriminant;

use crate::ast::Span;
use crate::diagnostic::Diagnostic;
use crate::forms::{FORMS, Form};
use crate::resolve::Plan;
use crate::suggest;
use crate::vocabulary::{Lang, Phrase, Vocabulary};

/// The longest question (in words) the search edits; longer ones get their error alone.
const MAX_WORDS: usize = 14;
/// The longest question (in bytes) the search edits, and the longest word it compares with
/// the language's words: edit distances grow with the product of the lengths.
const MAX_BYTES: usize = 400;
const MAX_WORD_BYTES: usize = 48;
/// The most translations one search tries.
const MAX_TRIES: usize = 200;
/// How many of the best single edits are combined in pairs.
const PAIRED: usize = 14;
/// Small words a question often lacks (`who depends NVIDIA`).
const JOINERS: &[&str] = &["on", "in", "by", "of", "to", "da", "di", "a", "che", "that"];

/// The diagnostic of `question`, told in its language, with a working question when one is
/// close, and with the word suggestions that work.
pub fn advise(question: &str, lexicon: &Vocabulary, diagnostic: Diagnostic) -> Diagnostic {
    let mut diagnostic = diagnostic;
    if diagnostic.language.is_none() {
        diagnostic.language = language_of(question, lexicon);
    }
    let form = form_of(question);
    let fixed: Vec<String> = diagnostic
        .suggestions
        .iter()
        .filter_map(|word| {
            let candidate = replaced(question, diagnostic.span, word)?;
            translates(&candidate, lexicon, form).then_some(candidate)
        })
        .collect();
    let kept: Vec<String> = diagnostic
        .suggestions
        .iter()
        .filter(|word| {
            replaced(question, diagnostic.span, word)
                .is_some_and(|candidate| fixed.contains(&candidate))
        })
        .cloned()
        .collect();
    diagnostic.suggestions = kept;
    let question = fixed
        .into_iter()
        .next()
        .or_else(|| repaired(question, lexicon, diagnostic.span, form));
    diagnostic.with_question(question)
}

/// The language most of the question's words belong to, by the words of the forms and of
/// the ontology's phrases; none when they are as many (or none belongs to one only).
pub fn language_of(question: &str, lexicon: &Vocabulary) -> Option<Lang> {
    let words = LanguageWords::of(lexicon);
    let (mut english, mut italian) = (0, 0);
    for word in question
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        match words.of_word(&word.to_lowercase()) {
            Some(Lang::En) => english += 1,
            Some(Lang::It) => italian += 1,
            None => {}
        }
    }
    match english.cmp(&italian) {
        std::cmp::Ordering::Greater => Some(Lang::En),
        std::cmp::Ordering::Less => Some(Lang::It),
        std::cmp::Ordering::Equal => None,
    }
}

/// Which language each word of the language belongs to; a word of both belongs to neither.
struct LanguageWords {
    languages: HashMap<String, [bool; 2]>,
}

impl LanguageWords {
    fn of(lexicon: &Vocabulary) -> Self {
        let mut words = Self {
            languages: HashMap::new(),
        };
        for form in FORMS {
            for (lang, side) in [(Lang::En, &form.english), (Lang::It, &form.italian)] {
                for text in side.keywords.iter().chain(side.phrases) {
                    words.add(text, lang);
                }
            }
        }
        for [english, italian] in crate::ast::MONTHS {
            words.add(english, Lang::En);
            words.add(italian, Lang::It);
        }
        for phrase in lexicon_phrases(lexicon) {
            words.add(&phrase.text, phrase.lang);
        }
        words
    }

    fn add(&mut self, text: &str, lang: Lang) {
        for word in text.split_whitespace() {
            let word = word.trim_end_matches(['\'', '’']).to_lowercase();
            let entry = self.languages.entry(word).or_default();
            entry[usize::from(lang == Lang::It)] = true;
        }
    }

    fn of_word(&self, word: &str) -> Option<Lang> {
        let word = word.trim_end_matches(['\'', '’']);
        // `dell'UE`: the article is the word that tells; `cos'è`, the verb after it.
        let lang = |word: &str| match self.languages.get(word)? {
            [true, false] => Some(Lang::En),
            [false, true] => Some(Lang::It),
            _ => None,
        };
        lang(word).or_else(|| word.split(['\'', '’']).find_map(lang))
    }
}

/// Every phrase the ontology gives the language: relations', kinds', measures', adjectives'.
pub(crate) fn lexicon_phrases(lexicon: &Vocabulary) -> impl Iterator<Item = &Phrase> {
    let relations = lexicon.relations.iter().flat_map(|r| {
        [
            &r.phrases,
            &r.inverse_phrases,
            &r.plural_phrases,
            &r.participles,
            &r.passives,
            &r.subject_nouns,
            &r.object_nouns,
            &r.group_phrases,
            &r.inverse_group_phrases,
        ]
        .into_iter()
        .flatten()
    });
    let classes = lexicon
        .classes
        .iter()
        .flat_map(|c| c.plurals.iter().chain(&c.singulars));
    let measures = lexicon.measures.iter().flat_map(|m| &m.phrases);
    let qualifiers = lexicon.qualifiers.iter().flat_map(|q| &q.phrases);
    relations.chain(classes).chain(measures).chain(qualifiers)
}

/// Whether a question translates to a question of the language (not to raw SPARQL) and, when
/// the typed one parsed, to a question of the same form: a repair mends the question asked,
/// it does not ask another (`investments by …` never becomes a list of `investment`s). The
/// errors of the candidates are thrown away, so they are made without suggestions.
fn translates(question: &str, lexicon: &Vocabulary, form: Option<Discriminant<Form>>) -> bool {
    let parsed = match crate::parse::parse(question) {
        Ok(parsed) => parsed,
        Err(_) => return false,
    };
    if form.is_some_and(|form| std::mem::discriminant(&parsed.form) != form) {
        return false;
    }
    // Resolving is enough: a resolved plan always compiles, and the question is parsed.
    suggest::without_suggestions(|| crate::resolve::resolve(&parsed, lexicon))
        .is_ok_and(|resolved| !matches!(resolved.plan, Plan::Sparql(_)))
}

/// The form the typed question parsed as, when it did as one with its own words (a free
/// question, which no keyword starts, may be mended into any form).
fn form_of(question: &str) -> Option<Discriminant<Form>> {
    crate::parse::parse(question)
        .ok()
        .filter(|parsed| !matches!(parsed.form, Form::Free(_)))
        .map(|parsed| std::mem::discriminant(&parsed.form))
}

/// The question with the text under `span` replaced by `word`; none for a point span (a
/// word there would be put in, not replace one).
fn replaced(question: &str, span: Span, word: &str) -> Option<String> {
    if span.start >= span.end {
        return None;
    }
    let before = question.get(..span.start)?;
    let after = question.get(span.end..)?;
    Some(format!("{before}{word}{after}"))
}

/// A typed word and where it is.
struct Token<'q> {
    text: &'q str,
    span: Span,
}

fn tokens(question: &str) -> Vec<Token<'_>> {
    let mut tokens = vec![];
    let mut start = None;
    for (at, c) in question.char_indices().chain([(question.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(from)) => {
                tokens.push(Token {
                    text: &question[from..at],
                    span: Span::new(from, at),
                });
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    tokens
}

/// One change to the typed words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Edit {
    Replace(usize, String),
    Remove(usize),
    /// A word put in before the token at the index (or at the end).
    Insert(usize, String),
}

impl Edit {
    fn at(&self) -> usize {
        match self {
            Edit::Replace(i, _) | Edit::Remove(i) | Edit::Insert(i, _) => *i,
        }
    }
}

/// The words after `edits` (at different places), joined by spaces.
fn edited(tokens: &[Token<'_>], edits: &[&Edit]) -> String {
    let mut words: Vec<String> = vec![];
    for i in 0..=tokens.len() {
        for edit in edits {
            if let Edit::Insert(at, word) = edit
                && *at == i
            {
                words.push(word.clone());
            }
        }
        let Some(token) = tokens.get(i) else { break };
        let change = edits
            .iter()
            .find(|edit| matches!(edit, Edit::Replace(at, _) | Edit::Remove(at) if *at == i));
        match change {
            Some(Edit::Replace(_, word)) => words.push(word.clone()),
            Some(Edit::Remove(_)) => {}
            _ => words.push(token.text.to_owned()),
        }
    }
    words.join(" ")
}

/// The closest question to `question` that translates, by one or two edits of its words.
fn repaired(
    question: &str,
    lexicon: &Vocabulary,
    error: Span,
    form: Option<Discriminant<Form>>,
) -> Option<String> {
    if question.len() > MAX_BYTES {
        return None;
    }
    let tokens = tokens(question);
    if tokens.is_empty()
        || tokens.len() > MAX_WORDS
        || tokens.iter().any(|t| t.text.len() > MAX_WORD_BYTES)
    {
        return None;
    }
    let edits = edits(&tokens, lexicon, error);
    let singles = edits.iter().map(|edit| vec![edit]);
    let best: Vec<&Edit> = edits.iter().take(PAIRED).collect();
    let pairs = best.iter().enumerate().flat_map(|(n, first)| {
        best[n + 1..]
            .iter()
            .filter(move |second| first.at() != second.at() && !asks_another(first, second))
            .map(move |second| vec![*first, *second])
    });
    singles
        .chain(pairs)
        .take(MAX_TRIES)
        .map(|chosen| edited(&tokens, &chosen))
        .find(|candidate| translates(candidate, lexicon, form))
}

/// Every single edit of the typed words, the cheapest and nearest the error first.
fn edits(tokens: &[Token<'_>], lexicon: &Vocabulary, error: Span) -> Vec<Edit> {
    let vocabulary = Words::of(lexicon);
    // The token the error points at (or the last before a point at the end).
    let focus = tokens
        .iter()
        .position(|t| t.span.end > error.start)
        .unwrap_or(tokens.len().saturating_sub(1));
    let mut edits: Vec<(usize, Edit)> = vec![];
    for (i, token) in tokens.iter().enumerate() {
        for (cost, word) in vocabulary.close_to(token.text) {
            edits.push((cost, Edit::Replace(i, word)));
        }
        if vocabulary.may_leave_out(token.text) {
            edits.push((2, Edit::Remove(i)));
        }
    }
    for i in 1..=tokens.len() {
        for joiner in JOINERS {
            edits.push((3, Edit::Insert(i, (*joiner).to_owned())));
        }
    }
    edits.sort_by_key(|(cost, edit)| (*cost, edit.at().abs_diff(focus)));
    edits.into_iter().map(|(_, edit)| edit).collect()
}

/// Two words left out, or a word left out and another put in, change what was asked, not how
/// (`hello world` is not `that world`).
fn asks_another(first: &Edit, second: &Edit) -> bool {
    matches!(
        (first, second),
        (Edit::Remove(_), Edit::Remove(_) | Edit::Insert(..)) | (Edit::Insert(..), Edit::Remove(_))
    )
}

/// The words a typed word may be replaced by: the forms' keywords, the ontology's phrases'
/// words, the small words of noun phrases, month names and the entities' names.
struct Words {
    words: Vec<String>,
    name_words: HashSet<String>,
    /// The words of relations', kinds' and measures' phrases that carry their meaning (not
    /// their prepositions and articles).
    meaning_words: HashSet<String>,
}

impl Words {
    fn of(lexicon: &Vocabulary) -> Self {
        let mut seen = HashSet::new();
        let mut words = vec![];
        let mut add = |text: &str| {
            for word in text.split_whitespace() {
                if seen.insert(word.to_lowercase()) {
                    words.push(word.to_owned());
                }
            }
        };
        for form in FORMS {
            for side in [&form.english, &form.italian] {
                side.keywords
                    .iter()
                    .chain(side.phrases)
                    .for_each(|t| add(t));
            }
        }
        crate::noun_phrase::closed_class_words().for_each(&mut add);
        crate::ast::MONTHS.iter().flatten().for_each(|m| add(m));
        lexicon_phrases(lexicon).for_each(|p| add(&p.text));
        let closed: HashSet<String> = crate::noun_phrase::closed_class_words()
            .chain(crate::vocabulary::COPULAS.iter().copied())
            .map(str::to_lowercase)
            .collect();
        let meaning_words = lexicon_phrases(lexicon)
            .flat_map(|p| p.key.split(' ').map(str::to_owned).collect::<Vec<_>>())
            .filter(|word| !closed.contains(word))
            .collect();
        for entity in &lexicon.entities.entities {
            entity.demonyms.iter().for_each(|d| add(d));
        }
        let mut name_words = HashSet::new();
        for name in lexicon.entities.names() {
            if !name.contains(' ') && seen.insert(name.to_lowercase()) {
                words.push(name.to_owned());
            }
            name_words.extend(name.split_whitespace().map(str::to_lowercase));
        }
        Self {
            words,
            name_words,
            meaning_words,
        }
    }

    /// Whether the search may leave a typed word out: not a name's (or a number), nor one
    /// that carries a relation's or a kind's meaning — leaving those out would answer
    /// another question.
    fn may_leave_out(&self, typed: &str) -> bool {
        let word = typed.trim_matches(['"', '“', '”']).to_lowercase();
        !self.name_words.contains(&word)
            && !self
                .meaning_words
                .contains(&crate::vocabulary::phrase_key(&word))
            && !word.chars().all(|c| c.is_ascii_digit())
    }

    /// Close replacements of a typed word, each with its cost: a typo (an edit or two), or a
    /// word the typed one starts with (`into` → `in`).
    fn close_to(&self, typed: &str) -> Vec<(usize, String)> {
        let lower = typed.to_lowercase();
        // A number is what was meant, not a typo of a short word.
        if lower.chars().all(|c| c.is_ascii_digit()) {
            return vec![];
        }
        let mut close: Vec<(usize, String)> =
            suggest::closest(typed, self.words.iter().map(String::as_str), 4)
                .into_iter()
                .filter(|word| word.to_lowercase() != lower)
                .map(|word| {
                    let cost = strsim::damerau_levenshtein(&lower, &word.to_lowercase());
                    (cost.max(1), word)
                })
                .collect();
        for word in &self.words {
            let candidate = word.to_lowercase();
            if candidate.chars().count() >= 2
                && lower.len() > candidate.len()
                && lower.len() - candidate.len() <= 2
                && lower.starts_with(&candidate)
                && !close.iter().any(|(_, w)| w.eq_ignore_ascii_case(word))
            {
                close.push((2, word.clone()));
            }
        }
        close
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_change_only_their_words() {
        let tokens = tokens("who  depends NVIDIA");
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[2].span, Span::new(13, 19));
        let insert = Edit::Insert(2, "on".to_owned());
        assert_eq!(edited(&tokens, &[&insert]), "who depends on NVIDIA");
        let remove = Edit::Remove(0);
        let replace = Edit::Replace(1, "develops".to_owned());
        assert_eq!(edited(&tokens, &[&remove, &replace]), "develops NVIDIA");
        let at_end = Edit::Insert(3, "transitively".to_owned());
        assert_eq!(
            edited(&tokens, &[&at_end]),
            "who depends NVIDIA transitively"
        );
    }

    #[test]
    fn a_long_question_is_not_searched() {
        let lexicon = Vocabulary::default();
        let long = format!("who depends on {}", "N".repeat(MAX_BYTES));
        assert_eq!(
            repaired(&long, &lexicon, Span::new(15, long.len()), None),
            None
        );
        let long_word = format!("who depends on {}", "N".repeat(MAX_WORD_BYTES + 1));
        assert_eq!(
            repaired(&long_word, &lexicon, Span::new(15, 16), None),
            None
        );
    }

    #[test]
    fn a_point_span_replaces_nothing() {
        assert_eq!(replaced("who depends", Span::new(11, 11), "on"), None);
        assert_eq!(
            replaced("who deponds on X", Span::new(4, 11), "depends").as_deref(),
            Some("who depends on X")
        );
    }
}
