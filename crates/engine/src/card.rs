//! Entity cards: the answer of `describe X` as a person reads it.
//!
//! The answer keeps its rows, one per fact and passage ([`crate::compile::Post::Card`]), for
//! the machine formats; a table shows them as a card: a title line (the label, the kinds,
//! the other names), then the facts grouped by relation — the entity's own relations first,
//! then the incoming ones in their inverse reading (`depended on by`) — one line per fact
//! with its passages merged ("Box 5; fn. 3; §1.1"), wrapped to the width, never cut.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::io::{self, Write};

use oxigraph::model::{Literal, NamedNode, Term, Variable};
use unicode_width::UnicodeWidthStr;

use crate::answer::Answer;
use crate::compile::Column;
use crate::render::{TableStyle, display_term, human_number, is_numeric, wrap};
use crate::sparql::QueryOutput;
use crate::vocab;
use crate::vocabulary::Vocabulary;

/// The entity a card is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub iri: NamedNode,
    pub label: String,
}

/// A fact of a symmetric relation reads the same both ways: its direction.
const BOTH_WAYS: &str = "↔";
const INCOMING: &str = "←";

/// The answer of `describe`: the rows as the query gives them, a symmetric relation's
/// facts marked with a two-way arrow (so that `A competes with B` and `B competes with A` are one
/// fact), and what the card is about.
pub fn answer(
    output: QueryOutput,
    vocabulary: &Vocabulary,
    columns: &[Column],
    entity: &NamedNode,
) -> Answer {
    let label = vocabulary
        .entities
        .by_iri(entity.as_str())
        .map(|e| e.label.clone())
        .unwrap_or_else(|| vocab::compact(entity.as_str()));
    let output = match output {
        QueryOutput::Solutions { variables, rows } => {
            let position = |name: &str| variables.iter().position(|v| v.as_str() == name);
            let (relation, direction) = (position("relation"), position("direction"));
            let symmetric = |row: &[Option<Term>]| {
                let Some(Some(Term::NamedNode(iri))) = relation.map(|i| &row[i]) else {
                    return false;
                };
                vocabulary
                    .relations
                    .iter()
                    .any(|r| r.symmetric && r.iri == *iri)
            };
            let mut seen = HashSet::new();
            let mut kept = Vec::with_capacity(rows.len());
            for mut row in rows {
                if let (Some(index), true) = (direction, symmetric(&row)) {
                    row[index] = Some(Literal::new_simple_literal(BOTH_WAYS).into());
                }
                if seen.insert(row.clone()) {
                    kept.push(row);
                }
            }
            QueryOutput::Solutions {
                variables,
                rows: kept,
            }
        }
        other => other,
    };
    Answer {
        output,
        columns: columns.to_vec(),
        card: Some(Subject {
            iri: entity.clone(),
            label,
        }),
        page: None,
        note: None,
    }
}

/// One row of the answer, read by its variables' names.
struct Cells<'a> {
    variables: &'a [Variable],
    row: &'a [Option<Term>],
}

impl Cells<'_> {
    fn term(&self, name: &str) -> Option<&Term> {
        let index = self.variables.iter().position(|v| v.as_str() == name)?;
        self.row.get(index)?.as_ref()
    }

    /// The cell as text: an entity by its label, a number as an analyst writes it.
    fn text(&self, name: &str) -> String {
        if let Some(label) = self.term(&format!("{name}_label")) {
            return display_term(Some(label));
        }
        match self.term(name) {
            Some(term) if is_numeric(term) => human_number(term),
            term => display_term(term),
        }
    }

    fn iri(&self, name: &str) -> Option<&str> {
        match self.term(name) {
            Some(Term::NamedNode(node)) => Some(node.as_str()),
            _ => None,
        }
    }
}

/// A passage a fact is cited from: its document (an index into the card's documents) and
/// its locator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Passage {
    document: usize,
    locator: String,
}

/// A document the card cites.
#[derive(Debug)]
struct Document {
    iri: String,
    label: String,
    /// Of the reference layer: background facts, not the documents'.
    reference: bool,
    /// How many of the card's passages it holds: the most cited is the card's own.
    cited: usize,
}

/// One line of the card.
#[derive(Debug)]
struct Fact {
    text: String,
    /// The other end alone, when the fact has one.
    other: String,
    /// An edge with no detail (no value, unit, period, item or status).
    bare: bool,
    passages: Vec<Passage>,
}

/// Facts under one heading.
#[derive(Debug)]
struct Section {
    heading: String,
    /// 0: the entity's values (notes, dates), 1: its relations and measures, 2: incoming.
    rank: u8,
    facts: Vec<Fact>,
}

/// Everything the card shows, before it is laid out.
#[derive(Debug, Default)]
struct Card {
    kinds: Vec<String>,
    names: Vec<String>,
    sections: Vec<Section>,
    documents: Vec<Document>,
}

/// The title's relations: the kind, the label, the other names.
const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const ALIAS: &str = "http://www.w3.org/2004/02/skos/core#altLabel";

/// Writes an answer of `describe` as its entity's card (see the module's documentation).
pub fn write_card(
    answer: &Answer,
    subject: &Subject,
    style: TableStyle,
    out: &mut dyn Write,
) -> io::Result<()> {
    let card = match &answer.output {
        QueryOutput::Solutions { variables, rows } => Card::of(variables, rows, subject),
        _ => Card::default(),
    };
    card.write(subject, style, out)
}

impl Card {
    fn of(variables: &[Variable], rows: &[Vec<Option<Term>>], subject: &Subject) -> Self {
        let mut card = Self::default();
        for row in rows {
            card.add(&Cells { variables, row }, subject);
        }
        card.rank_documents();
        for section in &mut card.sections {
            section.fold_bare_edges();
            for fact in &mut section.facts {
                fact.passages.sort_by(|a, b| {
                    a.document
                        .cmp(&b.document)
                        .then_with(|| natural_cmp(&a.locator, &b.locator))
                });
            }
            section.facts.sort_by(|a, b| natural_cmp(&a.text, &b.text));
        }
        card.sections.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| natural_cmp(&a.heading, &b.heading))
        });
        card
    }

    /// Takes in one row: a title fact, or a fact of its section with this passage.
    fn add(&mut self, cells: &Cells, subject: &Subject) {
        let passage = Passage {
            document: self.document(cells),
            locator: cells.text("source"),
        };
        let relation = cells.iri("relation").unwrap_or_default();
        let name = cells.text("value");
        match relation {
            TYPE => return push_new(&mut self.kinds, cells.text("other")),
            LABEL | ALIAS if name != subject.label => return push_new(&mut self.names, name),
            LABEL | ALIAS => return,
            _ => {}
        }
        let direction = display_term(cells.term("direction"));
        let label = match cells.text("relation") {
            text if text.is_empty() => vocab::compact(relation),
            text => text,
        };
        let (heading, rank) = match direction.as_str() {
            INCOMING => (inverse_reading(&label, &subject.label), 2),
            _ if cells.term("other").is_none() && cells.term("statement").is_none() => (label, 0),
            _ => (label, 1),
        };
        let fact = fact_line(cells, subject);
        let section = match self
            .sections
            .iter_mut()
            .position(|s| s.heading == heading && s.rank == rank)
        {
            Some(index) => &mut self.sections[index],
            None => {
                self.sections.push(Section {
                    heading,
                    rank,
                    facts: Vec::new(),
                });
                let last = self.sections.len() - 1;
                &mut self.sections[last]
            }
        };
        match section.facts.iter_mut().find(|f| f.text == fact.text) {
            Some(known) => {
                if !known.passages.contains(&passage) {
                    known.passages.push(passage);
                }
            }
            None => section.facts.push(Fact {
                passages: vec![passage],
                ..fact
            }),
        }
    }

    /// The index of the row's document, counted as cited once more.
    fn document(&mut self, cells: &Cells) -> usize {
        let iri = cells.iri("document").unwrap_or_default().to_owned();
        if let Some(index) = self.documents.iter().position(|d| d.iri == iri) {
            self.documents[index].cited += 1;
            return index;
        }
        self.documents.push(Document {
            label: cells.text("document"),
            reference: display_term(cells.term("reference")) == "true",
            cited: 1,
            iri,
        });
        self.documents.len() - 1
    }

    /// Orders the documents, the most cited first (the reference layer after the
    /// documents), and renumbers the passages to match.
    fn rank_documents(&mut self) {
        let mut order: Vec<usize> = (0..self.documents.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.documents[a], &self.documents[b]);
            a.reference
                .cmp(&b.reference)
                .then(b.cited.cmp(&a.cited))
                .then_with(|| natural_cmp(&a.label, &b.label))
        });
        let mut rank = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old] = new;
        }
        for fact in self.sections.iter_mut().flat_map(|s| s.facts.iter_mut()) {
            for passage in &mut fact.passages {
                passage.document = rank[passage.document];
            }
        }
        let mut documents: Vec<Option<Document>> = std::mem::take(&mut self.documents)
            .into_iter()
            .map(Some)
            .collect();
        self.documents = order
            .iter()
            .filter_map(|&old| documents[old].take())
            .collect();
    }

    /// How a passage of document `index` is marked: not at all for the card's own
    /// document (the first, unless it is of the reference layer), `[ref]` for the
    /// reference layer, `[2]`, `[3]`… for the others.
    fn mark(&self, index: usize) -> String {
        match self.documents.get(index) {
            Some(document) if document.reference => "[ref]".to_owned(),
            Some(_) if index == 0 => String::new(),
            Some(_) => format!("[{}]", index + 1),
            None => String::new(),
        }
    }

    /// A fact's passages, in order, each marked with its document: merged, they read "Box
    /// 5; fn. 3; §1.1 [2]".
    fn passages(&self, fact: &Fact) -> Vec<String> {
        let mut merged: Vec<String> = Vec::new();
        for passage in &fact.passages {
            let text = match self.mark(passage.document) {
                mark if mark.is_empty() => passage.locator.clone(),
                mark => format!("{} {mark}", passage.locator),
            };
            push_new(&mut merged, text);
        }
        merged
    }

    /// The title line: the label, the kinds, the other names.
    fn title(&self, subject: &Subject) -> String {
        let mut title = subject.label.clone();
        if !self.kinds.is_empty() {
            title.push_str(" — ");
            title.push_str(&self.kinds.join(", "));
        }
        if !self.names.is_empty() {
            title.push_str("; also ");
            title.push_str(&self.names.join(", "));
        }
        title
    }

    /// The line naming the documents and their marks.
    fn sources(&self) -> Option<String> {
        let named: Vec<String> = self
            .documents
            .iter()
            .enumerate()
            .map(|(index, document)| match self.mark(index) {
                mark if mark.is_empty() => document.label.clone(),
                mark => format!("{mark} {}", document.label),
            })
            .collect();
        (!named.is_empty()).then(|| format!("sources: {}", named.join("; ")))
    }

    fn write(&self, subject: &Subject, style: TableStyle, out: &mut dyn Write) -> io::Result<()> {
        let lines = |text: &str| match style.max_width {
            Some(width) => wrap(text, width),
            None => vec![text.to_owned()],
        };
        for line in lines(&self.title(subject)) {
            writeln!(out, "{line}")?;
        }
        let rows: Vec<(String, Vec<String>)> = self
            .sections
            .iter()
            .flat_map(|s| s.facts.iter())
            .map(|fact| (fact.text.clone(), self.passages(fact)))
            .collect();
        let columns = Columns::fitting(&rows, style.max_width);
        let mut rows = rows.iter();
        for section in &self.sections {
            for line in lines(&section.heading) {
                writeln!(out, "{line}")?;
            }
            for (text, passages) in rows.by_ref().take(section.facts.len()) {
                columns.write(text, passages, out)?;
            }
        }
        if let Some(sources) = self.sources() {
            for line in lines(&sources) {
                writeln!(out, "{line}")?;
            }
        }
        let n = rows_count(&self.sections);
        writeln!(out, "({n} fact{})", if n == 1 { "" } else { "s" })
    }
}

fn rows_count(sections: &[Section]) -> usize {
    sections.iter().map(|s| s.facts.len()).sum()
}

/// Pushes `text` unless it is empty or there already.
fn push_new(list: &mut Vec<String>, text: String) {
    if !text.is_empty() && !list.contains(&text) {
        list.push(text);
    }
}

impl Section {
    /// Drops an edge with no detail when facts of the same other end with details (the
    /// statements that record it: `Microsoft: 1 bn USD (2019-07-22)`) cite every passage it
    /// is cited from: it would say less than they do.
    fn fold_bare_edges(&mut self) {
        let covered = |fact: &Fact, facts: &[Fact]| {
            let detailed: Vec<&Fact> = facts
                .iter()
                .filter(|f| !f.bare && !f.other.is_empty() && f.other == fact.other)
                .collect();
            !detailed.is_empty()
                && fact
                    .passages
                    .iter()
                    .all(|p| detailed.iter().any(|f| f.passages.contains(p)))
        };
        let keep: Vec<bool> = self
            .facts
            .iter()
            .map(|fact| !fact.bare || !covered(fact, &self.facts))
            .collect();
        let mut keep = keep.into_iter();
        self.facts.retain(|_| keep.next().unwrap_or(true));
    }
}

/// What a fact's line says: the other end, then its figure (value and unit) and item, then
/// its period and status in parentheses: `Microsoft: 1 bn USD (2019-07-22)`, `35.08 bn USD
/// (Oct 2024)`, `OpenAI (claimed)`. The item is left out when it is the card's entity.
fn fact_line(cells: &Cells, subject: &Subject) -> Fact {
    let other = cells.text("other");
    let figure = [cells.text("value"), cells.text("unit")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let item = match cells.iri("item") {
        Some(iri) if iri == subject.iri.as_str() => String::new(),
        _ => cells.text("item"),
    };
    let details: Vec<String> = [figure, item]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    let mut text = match (other.is_empty(), details.is_empty()) {
        (false, false) => format!("{other}: {}", details.join(", ")),
        (false, true) => other.clone(),
        (true, _) => details.join(", "),
    };
    let notes: Vec<String> = [cells.text("period"), cells.text("status")]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join("; ")));
    }
    Fact {
        bare: details.is_empty() && notes.is_empty(),
        text,
        other,
        passages: Vec::new(),
    }
}

/// How an incoming relation reads from its object: `depends on` → `depended on by`,
/// `founded by` → `founded`, `supplies to` → `supplied by`, `depends for compute on` →
/// `depended on for compute by`; a role of a statement (one noun: `party`) → `party in`;
/// else the relation with the entity named (`based in France`).
pub fn inverse_reading(label: &str, entity: &str) -> String {
    // Verbs whose passive takes another preposition.
    const IDIOMS: &[(&str, &str)] = &[("involves", "involved in"), ("includes", "included in")];
    if let Some((_, reading)) = IDIOMS.iter().find(|(verb, _)| *verb == label) {
        return (*reading).to_owned();
    }
    if let Some(active) = label.strip_suffix(" by") {
        return active.to_owned();
    }
    let words: Vec<&str> = label.split(' ').collect();
    let Some((&verb, rest)) = words.split_first() else {
        return label.to_owned();
    };
    if rest.is_empty() && participle(verb).is_none() {
        return format!("{label} in");
    }
    let Some(past) = participle(verb) else {
        return format!("{label} {entity}");
    };
    match rest {
        [] | ["to" | "for"] => format!("{past} by"),
        [preposition] if PREPOSITIONS.contains(preposition) => {
            format!("{past} {preposition} by")
        }
        // `depends for compute on` → `depended on for compute by`.
        ["for", middle @ .., last] if !middle.is_empty() => {
            format!("{past} {last} for {} by", middle.join(" "))
        }
        _ => format!("{label} {entity}"),
    }
}

/// Prepositions a relation's verb may take, kept in its inverse reading (`invested in by`).
const PREPOSITIONS: &[&str] = &[
    "in", "on", "with", "about", "at", "into", "from", "of", "over", "against", "as",
];

/// The past participle of a verb in its third person (`depends` → `depended`, `supplies`
/// → `supplied`, `leads` → `led`); `None` for a word that is not one.
fn participle(word: &str) -> Option<String> {
    const IRREGULAR: &[(&str, &str)] = &[
        ("leads", "led"),
        ("holds", "held"),
        ("makes", "made"),
        ("builds", "built"),
        ("sells", "sold"),
        ("buys", "bought"),
        ("runs", "run"),
        ("wins", "won"),
        ("gets", "got"),
        ("pays", "paid"),
    ];
    if let Some((_, past)) = IRREGULAR.iter().find(|(verb, _)| *verb == word) {
        return Some((*past).to_owned());
    }
    let not_a_verb = word.chars().count() < 4
        || !word.chars().all(|c| c.is_ascii_lowercase())
        || ["ss", "us", "is"].iter().any(|end| word.ends_with(end))
        || word == "has";
    let stem = word.strip_suffix('s').filter(|_| !not_a_verb)?;
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}ied"));
    }
    Some(match stem.strip_suffix('e') {
        Some(_) => format!("{stem}d"),
        None => format!("{stem}ed"),
    })
}

/// Text compared as people number things: case aside, and digits by their value (`Box 5`
/// before `Box 10`).
fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn pieces(text: &str) -> Vec<(String, u64)> {
        let mut pieces = Vec::new();
        let mut chars = text.chars().peekable();
        while chars.peek().is_some() {
            let mut words = String::new();
            while let Some(c) = chars.next_if(|c| !c.is_ascii_digit()) {
                words.extend(c.to_lowercase());
            }
            let mut digits = String::new();
            while let Some(c) = chars.next_if(char::is_ascii_digit) {
                digits.push(c);
            }
            pieces.push((words, digits.parse().unwrap_or(u64::MAX)));
        }
        pieces
    }
    pieces(a).cmp(&pieces(b)).then_with(|| a.cmp(b))
}

/// Where a fact line's text and passages go: `  text  passages`.
struct Columns {
    /// The width of the text column: texts wrap to it, the passages start after it.
    text: usize,
    /// The width passages wrap to; `None` without a width (nothing wraps).
    passages: Option<usize>,
}

/// A fact line's indent, and the gap between its text and its passages.
const INDENT: usize = 2;
const GAP: usize = 2;
/// How many facts the split of the width is chosen by.
const SAMPLE: usize = 500;
/// Passages are not narrowed below this to give texts room (unless they are narrower).
const MIN_PASSAGES: usize = 12;
/// Without a width, texts longer than this push their passages right, not every line's.
const UNWRAPPED_TEXT: usize = 48;

impl Columns {
    fn fitting(rows: &[(String, Vec<String>)], max_width: Option<usize>) -> Self {
        let texts = rows.iter().map(|r| r.0.width()).max().unwrap_or(0);
        let passages = rows
            .iter()
            .map(|r| r.1.join("; ").width())
            .max()
            .unwrap_or(0);
        match max_width {
            None => Self {
                text: texts.min(UNWRAPPED_TEXT),
                passages: None,
            },
            Some(width) => {
                let room = width.saturating_sub(INDENT + GAP).max(2);
                // The split of the room that takes the fewest lines; on a tie, the one that
                // leaves the texts the most room.
                let widest = passages.min(room * 2 / 3).max(1);
                let narrowest = passages.clamp(1, MIN_PASSAGES).min(widest);
                let lines = |share: usize| -> usize {
                    let text = texts.min(room - share).max(1);
                    // A sample is enough to choose by, on a card of thousands of facts.
                    rows.iter()
                        .take(SAMPLE)
                        .map(|(t, p)| wrap(t, text).len().max(wrap_list(p, share).len()))
                        .sum()
                };
                let share = (narrowest..=widest)
                    .min_by_key(|&share| lines(share))
                    .unwrap_or(widest);
                Self {
                    text: texts.min(room - share).max(1),
                    passages: Some(share),
                }
            }
        }
    }

    fn write(&self, text: &str, passages: &[String], out: &mut dyn Write) -> io::Result<()> {
        let (texts, passages) = match self.passages {
            Some(width) => (wrap(text, self.text), wrap_list(passages, width)),
            None => (vec![text.to_owned()], vec![passages.join("; ")]),
        };
        for index in 0..texts.len().max(passages.len()) {
            let text = texts.get(index).map(String::as_str).unwrap_or_default();
            let passage = passages.get(index).map(String::as_str).unwrap_or_default();
            let pad = " ".repeat(self.text.saturating_sub(text.width()));
            let line = format!("{:INDENT$}{text}{pad}{:GAP$}{passage}", "", "");
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Items joined by `; ` in lines at most `width` wide, broken between items where they fit
/// (`Box 6; Box 6, note a;` then `§2`), inside one only when it alone is wider.
fn wrap_list(items: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (index, item) in items.iter().enumerate() {
        let item = match index + 1 < items.len() {
            true => format!("{item};"),
            false => item.clone(),
        };
        let joined = match line.is_empty() {
            true => item.clone(),
            false => format!("{line} {item}"),
        };
        if joined.width() <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut pieces = wrap(&item, width);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Layout;
    use oxigraph::model::vocab::xsd;

    /// The variables `describe`'s query projects, in order.
    const VARIABLES: &[&str] = &[
        "relation",
        "relation_label",
        "direction",
        "other",
        "other_label",
        "value",
        "unit",
        "period",
        "item",
        "item_label",
        "status",
        "status_label",
        "statement",
        "statement_label",
        "source",
        "document",
        "document_label",
        "reference",
    ];

    fn iri(text: &str) -> Term {
        NamedNode::new_unchecked(text).into()
    }

    fn cat(local: &str) -> Term {
        iri(&vocab::cat(local))
    }

    fn ent(local: &str) -> Term {
        iri(&format!("{}{local}", vocab::ENT))
    }

    fn text(value: &str) -> Term {
        Literal::new_simple_literal(value).into()
    }

    fn english(value: &str) -> Term {
        Literal::new_language_tagged_literal_unchecked(value, "en").into()
    }

    /// A row of `describe`: the given cells, the rest unbound; the passage of the main
    /// document unless given.
    fn row(cells: &[(&str, Term)]) -> Vec<Option<Term>> {
        VARIABLES
            .iter()
            .map(|name| {
                cells
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, t)| t.clone())
                    .or_else(|| match *name {
                        "document" => Some(iri("https://w3id.org/catena/source/assetti")),
                        "document_label" => Some(english("Market structure")),
                        "reference" => Some(text("false")),
                        _ => None,
                    })
            })
            .collect()
    }

    /// `relation` of the entity to `other`, from `source`.
    fn edge(
        relation: &str,
        label: &str,
        direction: &str,
        other: &str,
        source: &str,
    ) -> Vec<Option<Term>> {
        row(&[
            ("relation", cat(relation)),
            ("relation_label", english(label)),
            ("direction", text(direction)),
            ("other", ent(other)),
            ("other_label", english(other)),
            ("source", text(source)),
        ])
    }

    fn card(rows: Vec<Vec<Option<Term>>>, width: Option<usize>) -> String {
        let answer = Answer {
            output: QueryOutput::Solutions {
                variables: VARIABLES
                    .iter()
                    .map(|v| Variable::new_unchecked(*v))
                    .collect(),
                rows,
            },
            columns: vec![],
            card: None,
            page: None,
            note: None,
        };
        let subject = Subject {
            iri: NamedNode::new_unchecked(format!("{}NVIDIA", vocab::ENT)),
            label: "NVIDIA".to_owned(),
        };
        let style = TableStyle {
            max_width: width,
            layout: Layout::Auto,
        };
        let mut buffer = Vec::new();
        write_card(&answer, &subject, style, &mut buffer).expect("writes");
        String::from_utf8(buffer).expect("UTF-8")
    }

    #[test]
    fn passages_of_a_fact_are_merged_and_sorted() {
        let rows = ["§1.1", "fn. 3", "Box 10", "Box 5", "§1.1"]
            .into_iter()
            .map(|source| edge("dependsOn", "depends on", "→", "TSMC", source))
            .collect();
        let card = card(rows, None);
        assert!(
            card.contains("\ndepends on\n  TSMC  Box 5; Box 10; fn. 3; §1.1\n"),
            "{card}"
        );
        assert!(card.ends_with("(1 fact)\n"), "{card}");
    }

    #[test]
    fn an_observation_shows_its_value_unit_and_period() {
        let observation = |source: &str| {
            row(&[
                ("relation", cat("Revenue")),
                ("relation_label", english("revenue")),
                ("direction", text("→")),
                (
                    "value",
                    Literal::new_typed_literal("35080000000", xsd::DECIMAL).into(),
                ),
                ("unit", text("USD")),
                ("period", text("Oct 2024")),
                (
                    "statement",
                    iri("https://w3id.org/catena/statement/obs-nvidia-revenue"),
                ),
                (
                    "statement_label",
                    english("NVIDIA quarterly revenue, October 2024"),
                ),
                ("source", text(source)),
            ])
        };
        let card = card(vec![observation("§1.1"), observation("Fig. 1")], None);
        assert!(
            card.contains("\nrevenue\n  35.08 bn USD (Oct 2024)  Fig. 1; §1.1\n"),
            "{card}"
        );
        assert!(
            !card.contains("quarterly revenue"),
            "not by its name: {card}"
        );
    }

    #[test]
    fn sections_go_values_then_relations_then_incoming() {
        let note = row(&[
            ("relation", cat("note")),
            ("relation_label", english("note")),
            ("direction", text("→")),
            ("value", english("World leader in GPUs for AI.")),
            ("source", text("§1.1")),
        ]);
        let label = row(&[
            ("relation", iri(LABEL)),
            ("direction", text("→")),
            ("value", english("NVIDIA")),
            ("source", text("§1.1")),
        ]);
        let alias = row(&[
            ("relation", iri(ALIAS)),
            ("direction", text("→")),
            ("value", english("Nvidia")),
            ("source", text("§1.1")),
        ]);
        let kind = row(&[
            ("relation", iri(TYPE)),
            ("direction", text("→")),
            ("other", cat("Company")),
            ("other_label", english("Company")),
            ("source", text("§1.1")),
        ]);
        let rows = vec![
            edge("supplies", "supplies to", "→", "Microsoft", "§1.1"),
            edge("dependsOn", "depends on", "←", "Amazon", "fn. 3"),
            edge("competesWith", "competes with", "↔", "Intel", "§1.1"),
            note,
            label,
            alias,
            kind,
            edge("develops", "develops", "→", "CUDA", "§1.1"),
        ];
        let card = card(rows, None);
        let expected = "NVIDIA — Company; also Nvidia\n\
                        note\n  World leader in GPUs for AI.  §1.1\n\
                        competes with\n  Intel  §1.1\n\
                        develops\n  CUDA  §1.1\n\
                        supplies to\n  Microsoft  §1.1\n\
                        depended on by\n  Amazon  fn. 3\n\
                        sources: Market structure\n\
                        (5 facts)\n";
        // The texts are padded to the widest text but the longest, so compare without it.
        let squeezed: String = card
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let expected: String = expected
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(squeezed, expected, "{card}");
    }

    #[test]
    fn a_bare_edge_the_statements_cite_is_folded_into_them() {
        let investment = |amount: &str, date: &str, source: &str| {
            row(&[
                ("relation", cat("investsIn")),
                ("relation_label", english("invests in")),
                ("direction", text("→")),
                ("other", ent("OpenAI")),
                ("other_label", english("OpenAI")),
                (
                    "value",
                    Literal::new_typed_literal(amount, xsd::DECIMAL).into(),
                ),
                ("unit", text("USD")),
                ("period", text(date)),
                ("statement", iri("https://w3id.org/catena/statement/inv")),
                ("source", text(source)),
            ])
        };
        let rows = vec![
            edge("investsIn", "invests in", "→", "OpenAI", "Box 6"),
            edge("investsIn", "invests in", "→", "OpenAI", "Box 6, note a"),
            investment("1000000000", "2019-07-22", "Box 6"),
            investment("1000000000", "2019-07-22", "Box 6, note a"),
            edge("investsIn", "invests in", "→", "CoreWeave", "§2"),
        ];
        let card = card(rows, None);
        assert!(
            card.contains("invests in\n  CoreWeave  "),
            "a bare edge with no statement stays: {card}"
        );
        assert!(
            card.contains("\n  OpenAI: 1 bn USD (2019-07-22)  Box 6; Box 6, note a\n"),
            "{card}"
        );
        assert!(!card.contains("\n  OpenAI  "), "{card}");
    }

    #[test]
    fn other_documents_and_the_reference_layer_are_marked() {
        let mut reference = edge("basedIn", "based in", "→", "United States", "headquarters");
        let reference_cells = [
            ("document", iri("https://w3id.org/catena/source/reference")),
            ("document_label", english("catena reference data")),
            ("reference", text("true")),
        ];
        for (name, term) in reference_cells {
            let index = VARIABLES
                .iter()
                .position(|v| *v == name)
                .expect("a variable");
            reference[index] = Some(term);
        }
        let rows = vec![
            edge("basedIn", "based in", "→", "United States", "§1.1"),
            reference,
            edge("develops", "develops", "→", "CUDA", "§1.1"),
        ];
        let card = card(rows, None);
        assert!(
            card.contains("United States  §1.1; headquarters [ref]\n"),
            "{card}"
        );
        assert!(
            card.contains("sources: Market structure; [ref] catena reference data\n"),
            "{card}"
        );
    }

    #[test]
    fn long_text_wraps_to_the_width_and_is_never_cut() {
        let long = "World leader in GPUs for AI; its dominance rests on a closed architecture, \
                    efficient accelerators and the spread of CUDA. ";
        let note = row(&[
            ("relation", cat("note")),
            ("relation_label", english("note")),
            ("direction", text("→")),
            ("value", english(&long.repeat(3))),
            ("source", text("§1.1")),
        ]);
        let passages = [
            "§1.1",
            "fn. 3",
            "Box 5",
            "Box 6, note a",
            "Fig. 1",
            "Tab. 1",
        ];
        let mut rows: Vec<_> = passages
            .iter()
            .map(|source| edge("dependsOn", "depends on", "→", "TSMC", source))
            .collect();
        rows.push(note);
        for width in [20, 40, 80] {
            let card = card(rows.clone(), Some(width));
            assert!(
                card.lines().all(|line| line.width() <= width),
                "wider than {width}:\n{card}"
            );
            assert!(!card.contains('…'), "{card}");
            // Words longer than the column are broken, never dropped.
            if width >= 40 {
                assert_eq!(card.matches("accelerators").count(), 3, "{card}");
            }
            for passage in passages {
                let first = passage.split(' ').next().unwrap_or(passage);
                assert!(card.contains(first), "{passage}: {card}");
            }
        }
    }

    #[test]
    fn incoming_relations_read_from_their_object() {
        let read = |label: &str| inverse_reading(label, "NVIDIA");
        assert_eq!(read("depends on"), "depended on by");
        assert_eq!(read("develops"), "developed by");
        assert_eq!(read("invests in"), "invested in by");
        assert_eq!(read("supplies to"), "supplied by");
        assert_eq!(read("manufactures for"), "manufactured by");
        assert_eq!(read("depends for compute on"), "depended on for compute by");
        assert_eq!(read("leads"), "led by");
        assert_eq!(read("involves"), "involved in");
        assert_eq!(read("favours"), "favoured by");
        assert_eq!(read("founded by"), "founded");
        assert_eq!(read("party"), "party in");
        assert_eq!(read("based in"), "based in NVIDIA");
        assert_eq!(read("provides cloud to"), "provides cloud to NVIDIA");
        assert_eq!(read("cites URL"), "cites URL NVIDIA");
        assert_eq!(read("status"), "status in");
    }

    #[test]
    fn symmetric_relations_read_both_ways_as_one_fact() {
        let vocabulary = crate::graph::embedded_vocabulary();
        let rows = vec![
            edge("competesWith", "competes with", "←", "Intel", "§1.1"),
            edge("competesWith", "competes with", "→", "Intel", "§1.1"),
            edge("dependsOn", "depends on", "←", "Intel", "§1.1"),
        ];
        let output = QueryOutput::Solutions {
            variables: VARIABLES
                .iter()
                .map(|v| Variable::new_unchecked(*v))
                .collect(),
            rows,
        };
        let entity = NamedNode::new_unchecked(format!("{}NVIDIA", vocab::ENT));
        let answer = answer(output, &vocabulary, &[], &entity);
        let QueryOutput::Solutions { variables, rows } = &answer.output else {
            panic!("rows expected");
        };
        let direction = variables
            .iter()
            .position(|v| v.as_str() == "direction")
            .expect("a direction column");
        let directions: Vec<String> = rows
            .iter()
            .map(|row| display_term(row[direction].as_ref()))
            .collect();
        // One fact both ways; an asymmetric relation keeps its direction.
        assert_eq!(directions, ["↔", "←"]);
        // The card is titled by the entity's label.
        assert_eq!(
            answer.card.as_ref().map(|s| s.label.as_str()),
            Some("NVIDIA")
        );
    }

    #[test]
    fn passages_wrap_between_passages() {
        let passages: Vec<String> = ["Box 6", "Box 6, note a", "Box 6, note b", "§2"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(
            wrap_list(&passages, 24),
            ["Box 6; Box 6, note a;", "Box 6, note b; §2"]
        );
        assert_eq!(wrap_list(&passages[..1], 3), ["Box", "6"]);
        assert_eq!(wrap_list(&[], 10), [""]);
    }

    #[test]
    fn numbers_in_text_sort_by_value() {
        let mut locators = vec!["§10", "Box 6, note a", "§2", "Box 6", "fn. 3", "Fig. 1"];
        locators.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            locators,
            ["Box 6", "Box 6, note a", "Fig. 1", "fn. 3", "§2", "§10"]
        );
    }
}
