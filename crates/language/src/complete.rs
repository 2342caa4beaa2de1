//! Completion that follows the grammar: the words and names that may come next where the
//! cursor is, as the REPL's Tab offers them.
//!
//! The candidates are the language's own words — the forms' phrases and keywords, the small
//! joining words of noun phrases, copulas, month names, the ontology's phrases (relations',
//! kinds', measures', qualifiers', adjectives of places) — and the entities' names; besides
//! each whole, the rest of any of them whose first words were just typed (`who depends o` →
//! `on`). One is offered only if the question with it put in is still a question on its way:
//! it translates, or what the translator refuses starts after it (the question merely stops
//! early). Where a form needs more words before it reads at all (`top 3 chatbots` needs `by
//! …`), the rest of one of the forms' examples put after the candidate must show that the
//! question can go on. So after a relation come names, after a kind its restrictions, and
//! never a word the grammar or the lexicon refuses there.
//!
//! The work is bounded: only the candidates that start with the typed word are tried, the
//! likeliest first, within a [`Budget`] of tries and time; at most [`MAX_CANDIDATES`] are
//! kept.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use crate::Untranslatable;
use crate::forms::{FORMS, Kind};
use crate::vocabulary::{Entity, EntityIndex, Lang, Vocabulary};

/// The most candidates offered.
pub const MAX_CANDIDATES: usize = 200;
/// How many typed words a candidate's first words may repeat (`how ma` → `many`).
const MAX_TYPED_WORDS: usize = 3;
/// The most tries one kind of word gets in a turn.
const MAX_TURN: usize = 15;
/// A word of no language and no name: what any word put in stands for.
const PLACEHOLDER: &str = "zzqxj";
/// The most witnesses (ends of examples) tried for one candidate.
const MAX_TAILS: usize = 3;
/// The longest phrase (in words) looked for in the forms' examples.
const MAX_PHRASE_WORDS: usize = 4;

/// What may complete the word before the cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completions {
    /// Where the word being completed starts (a byte offset in the text before the cursor);
    /// each candidate replaces the text from there to the cursor.
    pub start: usize,
    /// Whole words, phrases or names, best first.
    pub candidates: Vec<String>,
}

/// How much work one completion may do: candidates tried, and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub tries: usize,
    pub time: Option<Duration>,
}

impl Default for Budget {
    /// What a Tab in the REPL may take.
    fn default() -> Self {
        Self {
            tries: 3_000,
            time: Some(Duration::from_millis(40)),
        }
    }
}

impl Budget {
    /// No limit of time: the same candidates whatever the machine's speed.
    pub fn tries(tries: usize) -> Self {
        Self { tries, time: None }
    }
}

/// Where a candidate comes from: what kind of word it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Source {
    /// A form's phrase or keyword.
    Keyword,
    /// A small joining word of noun phrases, a copula.
    Small,
    Month,
    /// A relation's phrase, participle, passive or noun.
    Relation,
    /// A kind of thing, plural or singular.
    Kind,
    Measure,
    /// A qualifier or an adjective of place (`open`, `Chinese`).
    Adjective,
    /// An entity's name.
    Name,
}

impl Source {
    /// After this many words of this kind are refused with none accepted, the rest of them
    /// are not tried: words of one kind fit the same places (relations' phrases less so).
    fn give_up_after(self) -> usize {
        match self {
            Self::Keyword | Self::Small => usize::MAX,
            Self::Month => 4,
            Self::Relation => 64,
            Self::Kind | Self::Measure | Self::Adjective | Self::Name => 16,
        }
    }

    /// Words that shape a question rather than name something in it.
    fn shapes(self) -> bool {
        matches!(self, Self::Keyword | Self::Small | Self::Month)
    }
}

/// The completions of `before_cursor` (the question typed so far, up to the cursor) over
/// `lexicon`, within the default [`Budget`]. A REPL keeps a [`Completer`] instead.
pub fn completions(before_cursor: &str, lexicon: &Vocabulary) -> Completions {
    Completer::new(lexicon).complete(before_cursor)
}

/// Completion over one lexicon: its words, and what judging a candidate needs, made once.
///
/// Candidates are judged against the lexicon's terms and, of its entities, only those whose
/// names a text may hold (by their letters): lookups find the same entities, so a text reads
/// the same, and the names suggested for a name that is refused — which completion never
/// shows — are looked for among a few names rather than all of them.
pub struct Completer {
    pool: Pool,
    examples: Examples,
    entities: Vec<Entity>,
    /// The letters of every name and adjective of place, and its entity's place.
    keys: Vec<(String, usize)>,
    /// The lexicon, its entity index replaced for each text judged.
    scratch: RefCell<Vocabulary>,
}

impl Completer {
    pub fn new(lexicon: &Vocabulary) -> Self {
        let pool = Pool::of(lexicon);
        let mut keys = vec![];
        for (i, entity) in lexicon.entities.entities.iter().enumerate() {
            for name in entity.names.iter().chain(&entity.demonyms) {
                keys.push((letters(name), i));
            }
        }
        let mut scratch = lexicon.clone();
        let entities = std::mem::take(&mut scratch.entities).entities;
        Self {
            examples: Examples::of(&pool),
            pool,
            entities,
            keys,
            scratch: RefCell::new(scratch),
        }
    }

    /// The completions of `before_cursor`, within the default [`Budget`].
    pub fn complete(&self, before_cursor: &str) -> Completions {
        self.complete_within(before_cursor, Budget::default())
    }

    /// The completions of `before_cursor`, trying candidates within `budget`.
    pub fn complete_within(&self, before_cursor: &str, budget: Budget) -> Completions {
        let started = Instant::now();
        let Some(at) = Position::of(before_cursor) else {
            return Completions {
                start: before_cursor.len(),
                candidates: vec![],
            };
        };
        // What was typed stops where a name is expected (`who depends on`).
        let names_first = match self.refusal(at.prefix.trim_end()) {
            Ok(()) => false,
            Err(Untranslatable::Parse(error) | Untranslatable::Resolve(error)) => {
                error.expected.iter().any(|what| what == "a name")
            }
        };
        let lang = crate::advise::language_of(at.prefix, &self.scratch.borrow());
        let blames_prefix = self.blames_prefix(&at);
        let mut candidates = self.pool.matching(&at);
        // The question's language first (a stable sort: shortest first within each).
        candidates.sort_by_key(|c| c.foreign_to(lang));
        let mut search = Search::new(candidates, names_first);
        let mut kept: Vec<Candidate> = vec![];
        let mut tries = 0;
        while let Some(candidate) = search.next() {
            if tries == budget.tries || budget.time.is_some_and(|time| started.elapsed() > time) {
                break;
            }
            tries += 1;
            let viable = self.viable(&at, blames_prefix, &candidate);
            search.tell(viable);
            if viable {
                kept.push(candidate);
            }
        }
        rank(&mut kept, names_first, lang);
        kept.truncate(MAX_CANDIDATES);
        Completions {
            start: at.start,
            candidates: kept.into_iter().map(|c| c.text).collect(),
        }
    }
}

/// The text before the cursor, cut where the word being completed starts.
struct Position<'q> {
    /// Everything before the word being completed.
    prefix: &'q str,
    /// The word typed so far (empty after a space); inside a quote, the quoted text so far.
    typed: &'q str,
    start: usize,
    /// Where the word starts: its opening quote, if it has one.
    word: usize,
    /// The last few whole words before it, lower-case.
    words: Vec<String>,
    /// Where the question's body starts (after `explain`).
    body_start: usize,
    /// The quote that closes a name being typed inside one.
    quote: Option<&'static str>,
}

impl<'q> Position<'q> {
    /// None where the language is not completed: a dot-command, a `sparql …` query.
    fn of(before_cursor: &'q str) -> Option<Self> {
        let quote = open_quote(before_cursor);
        let start = match quote {
            Some((_, at, _)) => at,
            None => before_cursor
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace() || matches!(c, '"' | '“' | '”'))
                .map_or(0, |(at, c)| at + c.len_utf8()),
        };
        let (prefix, typed) = before_cursor.split_at(start);
        let body_start = body_start(before_cursor);
        let first_word = |text: &str| text.split_whitespace().next().map(str::to_lowercase);
        let sparql = &crate::forms::sparql::FORM;
        let asks_sparql = first_word(&before_cursor[body_start..])
            .is_some_and(|w| sparql.languages().iter().any(|l| l.keywords.contains(&&*w)));
        if before_cursor.trim_start().starts_with('.') || (asks_sparql && start > body_start) {
            return None;
        }
        let words: Vec<String> = prefix.split_whitespace().map(str::to_lowercase).collect();
        let from = words.len().saturating_sub(MAX_TYPED_WORDS);
        Some(Self {
            prefix,
            typed,
            start,
            word: quote.map_or(start, |(opening, _, _)| opening),
            words: words[from..].to_vec(),
            body_start,
            quote: quote.map(|(_, _, closing)| closing),
        })
    }
}

/// A quote still open: where it is, where the text inside it starts, and the quote that
/// closes it.
fn open_quote(text: &str) -> Option<(usize, usize, &'static str)> {
    let mut open = None;
    for (at, c) in text.char_indices() {
        open = match (open, c) {
            (None, '"') => Some((at, at + 1, "\"")),
            (None, '“') => Some((at, at + c.len_utf8(), "”")),
            (Some((_, _, "\"")), '"') | (Some((_, _, "”")), '”') => None,
            (state, _) => state,
        };
    }
    open
}

/// Where the body of a question starts: after a prefix form's word (`explain`, `spiega`).
fn body_start(text: &str) -> usize {
    let trimmed = text.trim_start();
    let skipped = text.len() - trimmed.len();
    let Some(first) = trimmed.split_whitespace().next() else {
        return text.len();
    };
    let is_prefix = FORMS
        .iter()
        .filter(|form| form.kind == Kind::Prefix)
        .flat_map(|form| form.languages())
        .any(|words| words.keywords.iter().any(|k| k.eq_ignore_ascii_case(first)));
    let rest = &trimmed[first.len()..];
    if is_prefix && rest.starts_with(char::is_whitespace) {
        text.len() - rest.trim_start().len()
    } else {
        skipped
    }
}

/// A word of the language, or a name.
struct Entry {
    text: String,
    lower: String,
    /// The language it belongs to; none for a word of both, or a name.
    lang: Option<Lang>,
    source: Source,
}

/// Every word, phrase and name of the language, once each (by its lower-case text; a word
/// of two kinds counts as the first).
struct Pool {
    entries: Vec<Entry>,
    by_text: HashMap<String, usize>,
}

impl Pool {
    fn of(lexicon: &Vocabulary) -> Self {
        let mut pool = Self {
            entries: vec![],
            by_text: HashMap::new(),
        };
        for form in FORMS {
            for (lang, side) in [(Lang::En, &form.english), (Lang::It, &form.italian)] {
                for text in side.phrases.iter().chain(side.keywords) {
                    pool.add(text, Some(lang), Source::Keyword);
                }
            }
        }
        for [english, italian] in crate::ast::MONTHS {
            pool.add(english, Some(Lang::En), Source::Month);
            pool.add(italian, Some(Lang::It), Source::Month);
        }
        let small = crate::noun_phrase::closed_class_words();
        for word in small.chain(crate::vocabulary::COPULAS.iter().copied()) {
            pool.add(word, None, Source::Small);
        }
        pool.add_lexicon(lexicon);
        pool.small_words_languages();
        for name in lexicon.entities.names() {
            pool.add(name, None, Source::Name);
        }
        pool
    }

    /// The small words' languages, by the phrases they are words of: `the` is English, `il`
    /// Italian, `in` both.
    fn small_words_languages(&mut self) {
        let mut languages: HashMap<&str, [bool; 2]> = HashMap::new();
        for entry in &self.entries {
            let Some(lang) = entry.lang else { continue };
            for word in entry.lower.split(' ') {
                languages.entry(word).or_default()[usize::from(lang == Lang::It)] = true;
            }
        }
        let found: Vec<(usize, Lang)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.source == Source::Small && entry.lang.is_none())
            .filter_map(|(i, entry)| match languages.get(entry.lower.as_str()) {
                Some([true, false]) => Some((i, Lang::En)),
                Some([false, true]) => Some((i, Lang::It)),
                _ => None,
            })
            .collect();
        for (i, lang) in found {
            self.entries[i].lang = Some(lang);
        }
    }

    /// The ontology's phrases, each by its kind, and the adjectives of places.
    fn add_lexicon(&mut self, lexicon: &Vocabulary) {
        let texts = |phrases: &mut dyn Iterator<Item = &crate::vocabulary::Phrase>| {
            phrases.map(|p| p.text.clone()).collect::<HashSet<String>>()
        };
        let classes = &lexicon.classes;
        let kinds = texts(
            &mut classes
                .iter()
                .flat_map(|c| c.plurals.iter().chain(&c.singulars)),
        );
        let measures = texts(&mut lexicon.measures.iter().flat_map(|m| &m.phrases));
        let qualifiers = texts(&mut lexicon.qualifiers.iter().flat_map(|q| &q.phrases));
        for phrase in crate::advise::lexicon_phrases(lexicon) {
            let source = if kinds.contains(&phrase.text) {
                Source::Kind
            } else if measures.contains(&phrase.text) {
                Source::Measure
            } else if qualifiers.contains(&phrase.text) {
                Source::Adjective
            } else {
                Source::Relation
            };
            self.add(&phrase.text, Some(phrase.lang), source);
        }
        // A kind's restriction by a relation in one go: `companies that depend on`.
        for phrase in lexicon.relations.iter().flat_map(|r| &r.plural_phrases) {
            let relative = match phrase.lang {
                Lang::En => "that",
                Lang::It => "che",
            };
            let text = format!("{relative} {}", phrase.text);
            self.add(&text, Some(phrase.lang), Source::Relation);
        }
        for entity in &lexicon.entities.entities {
            for demonym in &entity.demonyms {
                self.add(&demonym.to_lowercase(), None, Source::Adjective);
            }
        }
    }

    fn add(&mut self, text: &str, lang: Option<Lang>, source: Source) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = text.to_lowercase();
        if text.is_empty() {
            return;
        }
        if let Some(&at) = self.by_text.get(&lower) {
            // A word of both languages belongs to neither (an unknown language says nothing).
            let entry = &mut self.entries[at];
            if lang.is_some_and(|lang| entry.lang.is_some_and(|known| known != lang)) {
                entry.lang = None;
            }
            return;
        }
        self.by_text.insert(lower.clone(), self.entries.len());
        self.entries.push(Entry {
            text,
            lower,
            lang,
            source,
        });
    }

    /// The candidates for the typed word: the entries that start with it, and the rest of
    /// the entries whose first words are the last words typed before it; shortest first.
    fn matching(&self, at: &Position<'_>) -> Vec<Candidate> {
        let typed = at.typed.to_lowercase();
        let mut found: Vec<Candidate> = vec![];
        let mut seen: HashMap<String, usize> = HashMap::new();
        for entry in &self.entries {
            if let Some(quote) = at.quote {
                if entry.source == Source::Name && entry.lower.starts_with(&typed) {
                    found.push(Candidate::of(
                        entry,
                        format!("{}{quote}", entry.text),
                        false,
                    ));
                }
                continue;
            }
            let words: Vec<&str> = entry.lower.split(' ').collect();
            for repeated in 0..=at.words.len().min(words.len() - 1) {
                let typed_before = &at.words[at.words.len() - repeated..];
                if words[..repeated] != *typed_before
                    || !words[repeated..].join(" ").starts_with(&typed)
                {
                    continue;
                }
                let rest: Vec<&str> = entry.text.split(' ').skip(repeated).collect();
                let candidate = Candidate::of(entry, rest.join(" "), repeated > 0);
                match seen.get(&candidate.lower) {
                    Some(&i) => found[i].continued |= candidate.continued,
                    None => {
                        seen.insert(candidate.lower.clone(), found.len());
                        found.push(candidate);
                    }
                }
            }
        }
        found.sort_by_cached_key(|c| (c.text.chars().count(), c.lower.clone()));
        found
    }
}

/// A word that may be put in where the cursor is.
#[derive(Debug, Clone)]
struct Candidate {
    text: String,
    lower: String,
    lang: Option<Lang>,
    source: Source,
    /// The rest of an entry whose first words were typed.
    continued: bool,
}

impl Candidate {
    fn of(entry: &Entry, text: String, continued: bool) -> Self {
        Self {
            lower: text.to_lowercase(),
            text,
            lang: entry.lang,
            source: entry.source,
            continued,
        }
    }

    /// Whether it belongs to the other language than the question's.
    fn foreign_to(&self, lang: Option<Lang>) -> bool {
        matches!((lang, self.lang), (Some(a), Some(b)) if a != b)
    }
}

/// The order candidates are tried in, so that a spent budget leaves out the unlikely: the
/// rests of phrases begun and, where a name is expected, the names; then each kind of word
/// in turn (the keywords and small words taking a few at a time), a kind that fits taking
/// more turns, a kind that does not fit given up.
struct Search {
    first: VecDeque<Candidate>,
    /// Each kind's candidates, shortest first, and how many were accepted and refused.
    kinds: Vec<(VecDeque<Candidate>, usize, usize)>,
    /// The kind whose turn it is, and how many it has left this turn.
    turn: usize,
    left: usize,
    /// The kind of the last candidate given out (none: from `first`).
    last: Option<usize>,
}

impl Search {
    fn new(candidates: Vec<Candidate>, names_first: bool) -> Self {
        let mut first = VecDeque::new();
        let mut by_source: BTreeMap<Source, VecDeque<Candidate>> = BTreeMap::new();
        for candidate in candidates {
            if candidate.continued || (names_first && candidate.source == Source::Name) {
                first.push_back(candidate);
            } else {
                let queue = by_source.entry(candidate.source).or_default();
                queue.push_back(candidate);
            }
        }
        Self {
            first,
            kinds: by_source.into_values().map(|q| (q, 0, 0)).collect(),
            turn: 0,
            left: 1,
            last: None,
        }
    }

    /// The next candidate to try.
    fn next(&mut self) -> Option<Candidate> {
        if let Some(candidate) = self.first.pop_front() {
            self.last = None;
            return Some(candidate);
        }
        for _ in 0..=self.kinds.len() {
            let (queue, accepted, refused) = self.kinds.get_mut(self.turn)?;
            let source = queue.front().map(|c| c.source);
            if source.is_some_and(|s| *accepted == 0 && *refused >= s.give_up_after()) {
                queue.clear();
            }
            if self.left > 0
                && let Some(candidate) = queue.pop_front()
            {
                self.left -= 1;
                self.last = Some(self.turn);
                return Some(candidate);
            }
            // The next kind's turn: a few tries for the language's own small words, one for
            // the others, and one more for each candidate the kind had accepted.
            self.turn = (self.turn + 1) % self.kinds.len();
            let (queue, accepted, _) = &self.kinds[self.turn];
            let small = queue
                .front()
                .is_some_and(|c| matches!(c.source, Source::Keyword | Source::Small));
            self.left = if small { 4 } else { 1 } + (*accepted).min(MAX_TURN);
        }
        None
    }

    /// Whether the last candidate given out was accepted.
    fn tell(&mut self, accepted: bool) {
        if let Some(kind) = self.last.and_then(|i| self.kinds.get_mut(i)) {
            if accepted {
                kind.1 += 1;
            } else {
                kind.2 += 1;
            }
        }
    }
}

/// The candidates best first: names first where a name is expected, else the language's
/// words; the question's own language before the other; shorter before longer; then
/// alphabetical.
fn rank(candidates: &mut [Candidate], names_first: bool, lang: Option<Lang>) {
    candidates.sort_by_cached_key(|c| {
        let later_group = (c.source == Source::Name) != names_first;
        (
            later_group,
            c.foreign_to(lang),
            c.text.chars().count(),
            c.lower.clone(),
            c.text.clone(),
        )
    });
}

/// How the translator takes a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Translates,
    /// The parser refused it from this byte on: nothing was resolved.
    Unparsed(usize),
    /// The resolver refused it from this byte on.
    Unresolved(usize),
}

impl Completer {
    /// Why the translator refuses `text`, if it does: the parser first (it is cheap, and
    /// resolution needs its question), then resolution with the entities the text may name.
    fn refusal(&self, text: &str) -> Result<(), Untranslatable> {
        let question = crate::parse::parse(text).map_err(Untranslatable::Parse)?;
        let held = letters(text);
        let mut named: Vec<usize> = self
            .keys
            .iter()
            .filter(|(key, _)| key.is_empty() || held.contains(key.as_str()))
            .map(|(_, entity)| *entity)
            .collect();
        named.dedup();
        let entities = named.iter().map(|&i| self.entities[i].clone()).collect();
        let mut lexicon = self.scratch.borrow_mut();
        lexicon.entities = EntityIndex::new(entities);
        // Only where a question is refused matters here, not what its error would suggest.
        crate::suggest::without_suggestions(|| crate::resolve::resolve(&question, &lexicon))
            .map(|_| ())
            .map_err(Untranslatable::Resolve)
    }

    fn verdict(&self, text: &str) -> Verdict {
        match self.refusal(text) {
            Ok(()) => Verdict::Translates,
            Err(Untranslatable::Parse(error)) => Verdict::Unparsed(error.span.start),
            Err(Untranslatable::Resolve(error)) => Verdict::Unresolved(error.span.start),
        }
    }

    /// Whether any word put in makes the translator refuse what was typed before it (`who
    /// depends on NVIDIA zz`, or `top 3 zz`, where the form does not read yet).
    fn blames_prefix(&self, at: &Position<'_>) -> bool {
        let closing = at.quote.unwrap_or_default();
        match self.verdict(&format!("{}{PLACEHOLDER}{closing}", at.prefix)) {
            Verdict::Translates => false,
            Verdict::Unparsed(refused) | Verdict::Unresolved(refused) => refused < at.word,
        }
    }

    /// Whether the question with `candidate` put in is refused nowhere up to the candidate's
    /// end. Where the parser stops it early, or its form needs more words to read at all,
    /// the rest of an example after it must show that it can go on.
    fn viable(&self, at: &Position<'_>, blames_prefix: bool, candidate: &Candidate) -> bool {
        let text = format!("{}{}", at.prefix, candidate.text);
        let end = text.len();
        // Where any word makes the typed words refused, a kind, a measure or a name changes
        // nothing by itself (the rest of a name begun does): only a rest can show it fits.
        let refused = if blames_prefix && !candidate.source.shapes() && !candidate.continued {
            0
        } else {
            match self.verdict(&text) {
                Verdict::Translates => return true,
                Verdict::Unresolved(refused) if refused >= end => return true,
                Verdict::Unresolved(refused) | Verdict::Unparsed(refused) => refused,
            }
        };
        // The candidate itself refused, past the question's first word: no rest mends it.
        let starts_body = at.word <= at.body_start;
        if refused >= at.word && refused < end && !starts_body {
            return false;
        }
        let body = text.get(at.body_start..).unwrap_or_default();
        let mut resolved = false;
        for tail in self.examples.tails(candidate, &leading_forms(body)) {
            match self.verdict(&format!("{text}{tail}")) {
                Verdict::Translates => return true,
                Verdict::Unresolved(refused) if refused >= end => return true,
                Verdict::Unresolved(_) => resolved = true,
                Verdict::Unparsed(_) => {}
            }
        }
        // Stopped early by the parser, and no rest was resolved: the grammar's word holds.
        refused >= end && !resolved
    }
}

/// A text's letters and digits, lower-case: a name's letters are among a text's whenever
/// the lexicon may find the name there ([`EntityIndex::lookup`] matches a name exactly, or
/// by these).
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The forms (by their place in [`FORMS`]) whose phrase the body starts with, or starts to
/// type; else the forms no phrase starts.
fn leading_forms(body: &str) -> Vec<usize> {
    let typed: Vec<String> = body.split_whitespace().map(str::to_lowercase).collect();
    let starts = |phrase: &str| {
        let words: Vec<&str> = phrase.split(' ').collect();
        typed.iter().zip(&words).all(|(t, w)| t == w) && !typed.is_empty()
    };
    let body_forms = || {
        FORMS
            .iter()
            .enumerate()
            .filter(|(_, form)| form.kind == Kind::Body)
    };
    let led: Vec<usize> = body_forms()
        .filter(|(_, form)| {
            form.languages()
                .iter()
                .any(|words| words.phrases.iter().any(|p| starts(p)))
        })
        .map(|(i, _)| i)
        .collect();
    if !led.is_empty() {
        return led;
    }
    body_forms()
        .filter(|(_, form)| form.languages().iter().all(|w| w.phrases.is_empty()))
        .map(|(i, _)| i)
        .collect()
}

/// A word or phrase of the pool found in a form's example, and the rest of the example
/// after it.
struct Slot {
    form: usize,
    lower: String,
    source: Source,
    tail: String,
}

/// The forms' examples, cut after each word or phrase of the pool they hold: the ends that
/// may follow a candidate of the same text, or of the same kind in the same form.
struct Examples {
    slots: Vec<Slot>,
}

impl Examples {
    fn of(pool: &Pool) -> Self {
        let mut slots = vec![];
        for (form, example) in FORMS.iter().enumerate().flat_map(|(i, form)| {
            form.examples
                .iter()
                .flat_map(|e| [Some(e.english), e.italian])
                .flatten()
                .map(move |text| (i, text))
        }) {
            let words: Vec<&str> = example.split_whitespace().collect();
            for from in 0..words.len() {
                for to in from + 1..=words.len().min(from + MAX_PHRASE_WORDS) {
                    let lower = words[from..to].join(" ").to_lowercase();
                    let Some(&entry) = pool.by_text.get(&lower) else {
                        continue;
                    };
                    let rest = words[to..].join(" ");
                    slots.push(Slot {
                        form,
                        lower,
                        source: pool.entries[entry].source,
                        tail: if rest.is_empty() {
                            rest
                        } else {
                            format!(" {rest}")
                        },
                    });
                }
            }
        }
        Self { slots }
    }

    /// The ends that may follow `candidate` in a question of one of `forms`: after the same
    /// words (or its last word) or after a kind, a measure or a name in those forms'
    /// examples, else after the same words in a modifier's example (`in 2024`).
    fn tails(&self, candidate: &Candidate, forms: &[usize]) -> Vec<&str> {
        let last_word = candidate.lower.rsplit(' ').next().unwrap_or_default();
        let same_words = |slot: &&Slot| slot.lower == candidate.lower || slot.lower == last_word;
        let same_kind = |slot: &&Slot| {
            slot.source == candidate.source
                && matches!(slot.source, Source::Kind | Source::Measure | Source::Name)
        };
        let in_forms = self.slots.iter().filter(|s| forms.contains(&s.form));
        let mut tails: Vec<&str> = vec![];
        let in_modifiers = self
            .slots
            .iter()
            .filter(|s| FORMS[s.form].kind == Kind::Modifier);
        let found = in_forms
            .filter(|s| same_words(s) || same_kind(s))
            .chain(in_modifiers.filter(same_words));
        for slot in found {
            if !slot.tail.is_empty() && !tails.contains(&slot.tail.as_str()) {
                tails.push(&slot.tail);
            }
        }
        tails.truncate(MAX_TAILS);
        tails
    }
}

#[cfg(test)]
mod tests {
    use oxrdf::{GraphName, Literal, NamedNode, Quad, Term};

    use super::*;
    use crate::vocab::{self, OWL, RDF, RDFS};

    /// A small lexicon in both languages: one relation, one kind, three names.
    fn lexicon() -> Vocabulary {
        let ontology = GraphName::NamedNode(NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH));
        let mut quads = vec![];
        let mut add = |subject: &str, predicate: &str, object: Term, graph: &GraphName| {
            quads.push(Quad::new(
                NamedNode::new_unchecked(subject),
                NamedNode::new_unchecked(predicate),
                object,
                graph.clone(),
            ));
        };
        let text = |text: &str, lang: &str| -> Term {
            Literal::new_language_tagged_literal_unchecked(text, lang).into()
        };
        let (depends, company) = (vocab::cat("dependsOn"), vocab::cat("Company"));
        let property = NamedNode::new_unchecked(format!("{OWL}ObjectProperty"));
        add(&depends, &format!("{RDF}type"), property.into(), &ontology);
        add(
            &depends,
            &format!("{RDFS}label"),
            text("depends on", "en"),
            &ontology,
        );
        for (predicate, en, it) in [
            ("phrase", "depends on", "dipende da"),
            ("pluralPhrase", "depend on", "dipendono da"),
        ] {
            add(&depends, &vocab::cat(predicate), text(en, "en"), &ontology);
            add(&depends, &vocab::cat(predicate), text(it, "it"), &ontology);
        }
        let class = NamedNode::new_unchecked(format!("{OWL}Class"));
        add(&company, &format!("{RDF}type"), class.into(), &ontology);
        for (predicate, en, it) in [
            (format!("{RDFS}label"), "company", "azienda"),
            (vocab::cat("plural"), "companies", "aziende"),
        ] {
            add(&company, &predicate, text(en, "en"), &ontology);
            add(&company, &predicate, text(it, "it"), &ontology);
        }
        for (iri, name) in [
            ("NVIDIA", "NVIDIA"),
            ("TSMC", "TSMC"),
            ("Mistral", "Mistral AI"),
        ] {
            let entity = format!("{}{iri}", vocab::ENT);
            add(
                &entity,
                &format!("{RDFS}label"),
                text(name, "en"),
                &GraphName::DefaultGraph,
            );
        }
        Vocabulary::from_dataset(&quads, vocab::ONTOLOGY_GRAPH)
    }

    /// Every candidate there is, whatever the time.
    fn complete(before_cursor: &str) -> Completions {
        Completer::new(&lexicon()).complete_within(before_cursor, Budget::tries(usize::MAX))
    }

    fn offers(completions: &Completions, word: &str) -> bool {
        completions.candidates.iter().any(|c| c == word)
    }

    #[test]
    fn after_a_relation_come_names_in_both_languages() {
        for prefix in ["who depends on ", "chi dipende da "] {
            let completions = complete(prefix);
            assert_eq!(completions.start, prefix.len());
            for name in ["NVIDIA", "TSMC", "Mistral AI"] {
                assert!(offers(&completions, name), "{prefix:?}: {completions:?}");
            }
            // Names first (where a name is expected), then shorter before longer.
            assert_eq!(
                completions.candidates[..3],
                ["TSMC", "NVIDIA", "Mistral AI"],
                "{prefix:?}"
            );
            for word in [
                "depends on",
                "dipende da",
                "companies",
                "who",
                "list",
                "that",
            ] {
                assert!(!offers(&completions, word), "{prefix:?} offers {word:?}");
            }
        }
    }

    #[test]
    fn after_a_kind_come_its_restrictions() {
        for (prefix, relative) in [("which companies ", "that"), ("quali aziende ", "che")] {
            let completions = complete(prefix);
            let clause = format!(
                "{relative} {}",
                if relative == "that" {
                    "depend on"
                } else {
                    "dipendono da"
                }
            );
            for word in [relative, "in", clause.as_str()] {
                assert!(
                    offers(&completions, word),
                    "{prefix:?} lacks {word:?}: {completions:?}"
                );
            }
            for name in ["NVIDIA", "TSMC", "Mistral AI", "list", "chi"] {
                assert!(!offers(&completions, name), "{prefix:?} offers {name:?}");
            }
        }
        // The question's own language first.
        let english = complete("which companies ");
        let at = |word: &str| english.candidates.iter().position(|c| c == word);
        assert!(at("that") < at("che"), "{english:?}");
    }

    #[test]
    fn a_word_begun_is_completed() {
        let completions = complete("list compan");
        assert_eq!(completions.start, 5);
        assert!(offers(&completions, "companies"), "{completions:?}");
        assert_eq!(complete("who depends on NV").candidates, ["NVIDIA"]);
        assert_eq!(complete("who depends on nv").start, 15);
    }

    #[test]
    fn a_phrase_begun_is_finished() {
        let completions = complete("who depends o");
        assert_eq!(
            (completions.start, completions.candidates.as_slice()),
            (12, &["on".to_owned()][..])
        );
        let completions = complete("who depends on Mistral A");
        assert_eq!(completions.start, 23);
        assert_eq!(completions.candidates, ["AI"]);
        let completions = complete("which companies th");
        let first: Vec<&str> = completions
            .candidates
            .iter()
            .take(3)
            .map(String::as_str)
            .collect();
        for expected in ["that", "that depend on"] {
            assert!(first.contains(&expected), "{first:?}");
        }
    }

    #[test]
    fn a_quoted_name_is_closed() {
        let completions = complete("describe \"Mis");
        assert_eq!(completions.start, 10);
        assert_eq!(completions.candidates, ["Mistral AI\""]);
        assert_eq!(complete("describe “Mis").candidates, ["Mistral AI”"]);
    }

    #[test]
    fn nothing_is_offered_in_a_sparql_query_or_a_dot_command() {
        assert!(complete("sparql SELECT ").candidates.is_empty());
        assert!(complete("explain sparql SEL").candidates.is_empty());
        assert!(complete(".hel").candidates.is_empty());
        assert!(offers(&complete("spa"), "sparql"));
    }

    #[test]
    fn the_question_starts_after_explain() {
        assert_eq!(body_start("explain who"), 8);
        assert_eq!(body_start("  spiega  chi"), 10);
        assert_eq!(body_start("explained"), 0);
        assert!(offers(&complete("explain who depends on "), "NVIDIA"));
    }

    #[test]
    fn a_budget_bounds_the_work() {
        let completer = Completer::new(&lexicon());
        let few = completer.complete_within("who depends on ", Budget::tries(2));
        assert!(few.candidates.len() <= 2, "{few:?}");
        let none = completer.complete_within("who depends on ", Budget::tries(0));
        assert!(none.candidates.is_empty());
    }

    /// The entities a text is judged with are those it may name: it reads as with them all.
    #[test]
    fn the_entities_judged_with_read_as_all_of_them() {
        let lexicon = lexicon();
        let completer = Completer::new(&lexicon);
        for text in [
            "who depends on NVIDIA",
            "who depends on nvidia",
            "who depends on Mistral-AI",
            "who depends on \"Mistral AI\"",
            "who depends on Mistral",
            "who depends on NVIDIA TSMC",
            "which companies depend on TSMC",
            "chi dipende da TSMC",
        ] {
            let whole = match crate::translate(text, &lexicon, false) {
                Ok(_) => Verdict::Translates,
                Err(Untranslatable::Parse(e)) => Verdict::Unparsed(e.span.start),
                Err(Untranslatable::Resolve(e)) => Verdict::Unresolved(e.span.start),
            };
            assert_eq!(completer.verdict(text), whole, "{text:?}");
        }
    }

    /// For every candidate offered, the question with it is refused nowhere before its end,
    /// as it is or with a rest that finishes it — judged by the whole translator here.
    #[test]
    fn no_word_offered_is_refused_where_it_is_put() {
        let lexicon = lexicon();
        let rests = [
            "",
            " NVIDIA",
            " depends on NVIDIA",
            " companies",
            " on NVIDIA",
            " da TSMC",
            " 3 companies by zz",
            " from NVIDIA to TSMC",
            // The keywords of two words.
            " deals",
            " cloud deals",
            " cloud",
            " releases",
            " open source",
            " sources",
            " fonti",
        ];
        let mut refused = vec![];
        for prefix in [
            "",
            "w",
            "who ",
            "who depends ",
            "who depends on ",
            "who depends on NVIDIA ",
            "which ",
            "which companies ",
            "which companies that ",
            "list ",
            "list companies ",
            "chi ",
            "chi dipende ",
            "quali aziende ",
            "quali aziende che ",
            "describe ",
        ] {
            let completions = complete(prefix);
            for candidate in &completions.candidates {
                let text = format!("{}{candidate}", &prefix[..completions.start]);
                let end = text.len();
                let goes_on = rests.iter().any(|rest| {
                    match crate::translate(&format!("{text}{rest}"), &lexicon, false) {
                        Ok(_) => true,
                        Err(Untranslatable::Resolve(e)) => e.span.start >= end,
                        Err(Untranslatable::Parse(e)) => rest.is_empty() && e.span.start >= end,
                    }
                });
                if !goes_on {
                    refused.push(text);
                }
            }
        }
        assert!(refused.is_empty(), "offered, and refused: {refused:?}");
    }
}
