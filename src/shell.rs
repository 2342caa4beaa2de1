//! The thin shell around the session: batch runs (`-e`, `run FILE`, standard input) and the
//! REPL's dot-commands, shared so that both behave the same.

use std::io::Write;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use crate::answer::Answer;
use crate::formats;
use crate::render::{self, Format, Layout, RenderError, TableStyle};
use crate::session::{Outcome, QuestionError, Session, Settings};

/// The REPL's `.help`, also printed by `catena --help-language`; README shows the same.
/// The examples come from the table of question forms ([`crate::forms`]).
pub static HELP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{HELP_INTRO}\n\n{}\n{HELP_SETTINGS}",
        crate::forms::help_examples()
    )
});

/// What `.help` says before the examples.
const HELP_INTRO: &str = "\
Ask in English or Italian; names are case-insensitive, aliases work (Alphabet, AWS, Cina),
multi-word names may be quoted (\"Mistral AI\").";

/// What `.help` says after the examples: the modifiers, the dot-commands, the reference layer.
const HELP_SETTINGS: &str = "\
Add to any question: in 2024 | in January 2025 | since 2023 | before 2025 | between 2019 and
2023 | from 2019 to 2024 (nel 2024 | a gennaio 2025 | dal 2023 | prima del 2025 | tra il 2019
e il 2023 | dal 2019 al 2024), with sources (con fonti). Start with explain (spiega) to see the
SPARQL instead, or with first 20 (primi 20) to see the answer 20 rows at a time.

Commands:
  .help                         this text
  .format NAME                  how answers are printed: a --format name (table, csv, json…)
  .sources on|off               add the source passage to every row
  .explain on|off               print the SPARQL of each question instead of running it
  .timing on|off                print how long each question took
  .documents only|all           leave out the reference layer, or show it (see below)
  .expanded on|off|auto         tables as one block per record (auto: when they cannot fit)
  .pager on|off                 answers longer than the terminal go through $PAGER
  .more                         the next page of an answer asked with first N (primi N)
  .entities [prefix]            entity names, optionally those starting with prefix
  .relations                    the relations and their phrases
  .quit                         leave (also Ctrl-D)
A line ending in \\, or a sparql query with open braces, continues on the next line.
Facts of public record the documents take for granted (headquarters, the country of a city,
parent companies) are the reference layer: `with sources` shows them as \"catena reference
data\"; `.documents only` (or --documents-only) leaves them out.";

/// Where a question came from, for messages: `questions.txt:3:5`, `<stdin>:7:1`, `-e #2:1:5`.
#[derive(Debug, Clone)]
pub struct Origin {
    /// A file name, `<stdin>`, or `-e #N` for the N-th `-e` question.
    pub name: String,
    /// The line the question starts on.
    pub line: usize,
}

/// Asks one question and prints its answer (or its error). Returns whether it succeeded; an
/// answer asked a page at a time (`first 20 …`) leaves its next page in `more`.
pub fn answer_one(
    session: &Session,
    question: &str,
    origin: Option<&Origin>,
    style: TableStyle,
    more: &mut Option<Answer>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let started = Instant::now();
    let result = session.ask(question);
    let elapsed = started.elapsed();
    *more = None;
    match result {
        Ok(Outcome::Answer(answer)) => {
            if !write_answer(&answer, session.settings.format, style, out, err)? {
                return Ok(false);
            }
            *more = answer.next_page();
        }
        Ok(Outcome::Explained(sparql)) => writeln!(out, "{sparql}")?,
        Err(error) => {
            write_error(&error, question, origin, err)?;
            return Ok(false);
        }
    }
    if session.settings.timing {
        writeln!(err, "Time: {}", format_duration(elapsed))?;
    }
    Ok(true)
}

/// Writes an answer (its page, if it has one); false when it could not be, with the error
/// written on `err`. A closed pipe is returned, for the caller to stop quietly.
pub fn write_answer(
    answer: &Answer,
    format: Format,
    style: TableStyle,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    match render::render_answer(answer, format, style, out) {
        Ok(()) => Ok(true),
        // The reader has gone (`catena … | head`): the caller stops, quietly.
        Err(RenderError::Io(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => Err(error),
        Err(error) => {
            writeln!(err, "error: {error}")?;
            Ok(false)
        }
    }
}

/// What `.more` says when the last answer has no page left.
pub const NO_MORE: &str =
    "no more rows: ask a question with first N (primi N) to see its answer N rows at a time";

/// `file:line:column: error: …` and the question with a caret.
pub fn write_error(
    error: &QuestionError,
    question: &str,
    origin: Option<&Origin>,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let (line, column) = error.line_column(question).unwrap_or((1, 1));
    match origin {
        Some(origin) => writeln!(
            err,
            "{}:{}:{column}: error: {}",
            origin.name,
            origin.line + line - 1,
            error.report(question)
        ),
        None => writeln!(err, "error at {line}:{column}: {}", error.report(question)),
    }
}

pub fn format_duration(elapsed: Duration) -> String {
    let ms = elapsed.as_secs_f64() * 1000.0;
    if ms < 1.0 {
        format!("{:.0} µs", ms * 1000.0)
    } else {
        format!("{ms:.2} ms")
    }
}

/// Questions of a script: one per line, `#` comments and blank lines skipped, a trailing
/// `\` joining the next line. Returns (first line number, question).
pub fn script_questions(text: &str) -> Vec<(usize, String)> {
    let mut questions = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if pending.is_none() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        let (start, mut question) = pending.take().unwrap_or((number, String::new()));
        if let Some(head) = trimmed.strip_suffix('\\') {
            question.push_str(head);
            question.push('\n');
            pending = Some((start, question));
        } else {
            question.push_str(trimmed);
            questions.push((start, question));
        }
    }
    if let Some((start, question)) = pending {
        questions.push((start, question));
    }
    questions
}

/// What a dot-command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meta {
    /// Print this and go on.
    Print(String),
    Quit,
}

/// Runs a REPL dot-command (`.format csv`); `Err` is a message for a bad one.
pub fn meta_command(session: &mut Session, line: &str) -> Result<Meta, String> {
    let mut parts = line.split_whitespace();
    let command = parts.next().unwrap_or_default();
    let argument = parts.next();
    if parts.next().is_some() {
        return Err(format!("{command} takes at most one argument"));
    }
    let settings = &mut session.settings;
    match command {
        ".help" | ".aiuto" => Ok(Meta::Print(HELP.clone())),
        ".quit" | ".exit" | ".esci" => Ok(Meta::Quit),
        ".format" => format_command(settings, argument),
        ".sources" => {
            settings.sources = switch(command, argument)?;
            Ok(Meta::Print(format!(
                "sources: {}",
                on_off(settings.sources)
            )))
        }
        ".explain" => {
            settings.explain = switch(command, argument)?;
            Ok(Meta::Print(format!(
                "explain: {}",
                on_off(settings.explain)
            )))
        }
        ".timing" => {
            settings.timing = switch(command, argument)?;
            Ok(Meta::Print(format!("timing: {}", on_off(settings.timing))))
        }
        ".documents" | ".documenti" => documents_command(session, command, argument),
        ".expanded" => {
            if let Some(name) = argument {
                settings.layout = Layout::from_name(name)
                    .ok_or_else(|| format!("usage: {command} on|off|auto"))?;
            }
            Ok(Meta::Print(format!("expanded: {}", settings.layout.name())))
        }
        ".pager" => {
            settings.pager = switch(command, argument)?;
            Ok(Meta::Print(format!("pager: {}", on_off(settings.pager))))
        }
        ".entities" => Ok(Meta::Print(entities_listing(session, argument))),
        ".relations" => Ok(Meta::Print(relations_listing(session))),
        other => Err(format!(
            "unknown command `{other}`: try .help, .format, .sources, .explain, .timing, .documents, .expanded, .pager, .entities, .relations or .quit"
        )),
    }
}

/// The argument of an on/off setting.
fn switch(command: &str, argument: Option<&str>) -> Result<bool, String> {
    match argument {
        Some("on") => Ok(true),
        Some("off") => Ok(false),
        _ => Err(format!("usage: {command} on|off")),
    }
}

/// `.format`: shows the format, or sets it by a name of `--format`, from the one table of
/// formats.
fn format_command(settings: &mut Settings, argument: Option<&str>) -> Result<Meta, String> {
    let format = match argument {
        None => return Ok(Meta::Print(format!("format: {}", settings.format))),
        Some(name) => Format::from_command_line_name(name).ok_or_else(|| {
            let names = formats::command_line_formats().iter().copied();
            format!(
                "unknown format `{name}`: use {}",
                formats::names_in_words(names)
            )
        })?,
    };
    settings.format = format;
    Ok(Meta::Print(format!("format: {format}")))
}

/// `.documents`: shows or sets whether answers leave the reference layer out.
fn documents_command(
    session: &mut Session,
    command: &str,
    argument: Option<&str>,
) -> Result<Meta, String> {
    let documents_only = match argument {
        Some("only" | "solo") => true,
        Some("all" | "tutti") => false,
        None => session.settings.documents_only,
        Some(_) => return Err(format!("usage: {command} only|all")),
    };
    if documents_only && session.is_remote() {
        return Err(
            crate::session::DOCUMENTS_ONLY_REMOTE.replace("--documents-only", ".documents only")
        );
    }
    session.settings.documents_only = documents_only;
    Ok(Meta::Print(documents_setting(documents_only).to_owned()))
}

/// `.entities [prefix]`: the entities with a name starting with the prefix, each with its
/// aliases.
fn entities_listing(session: &Session, argument: Option<&str>) -> String {
    let prefix = argument.map(|p| p.to_lowercase()).unwrap_or_default();
    let names: Vec<String> = session
        .vocabulary()
        .entities
        .entities
        .iter()
        .filter(|e| {
            e.names
                .iter()
                .any(|n| n.to_lowercase().starts_with(&prefix))
        })
        .map(|e| {
            let aliases: Vec<&str> = e
                .names
                .iter()
                .map(String::as_str)
                .filter(|n| *n != e.label)
                .collect();
            if aliases.is_empty() {
                e.label.clone()
            } else {
                format!("{} ({})", e.label, aliases.join(", "))
            }
        })
        .collect();
    if names.is_empty() {
        return format!("no entity name starts with `{prefix}`");
    }
    format!("{}\n({} entities)", names.join("\n"), names.len())
}

/// `.relations`: each relation with the phrases that ask for it.
fn relations_listing(session: &Session) -> String {
    let lines: Vec<String> = session
        .vocabulary()
        .relations
        .iter()
        .filter(|r| !r.phrases.is_empty())
        .map(|r| {
            let phrases: Vec<&str> = r.phrases.iter().map(|p| p.text.as_str()).collect();
            format!("{:<32} {}", r.label, phrases.join(" · "))
        })
        .collect();
    lines.join("\n")
}

/// What `.documents` says it is set to.
fn documents_setting(documents_only: bool) -> &'static str {
    if documents_only {
        "documents: only (the reference layer is left out)"
    } else {
        "documents: all (the documents and the reference layer)"
    }
}

fn on_off(value: bool) -> &'static str {
    if value { "on" } else { "off" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_setting_switches_the_reference_layer_off_and_on() {
        let graph = crate::graph::KnowledgeGraph::embedded().expect("shipped graph");
        let mut session = Session::new(graph).expect("a session");
        let mut run = |line: &str| meta_command(&mut session, line);
        assert_eq!(
            run(".documents"),
            Ok(Meta::Print(documents_setting(false).to_owned()))
        );
        assert_eq!(
            run(".documents only"),
            Ok(Meta::Print(documents_setting(true).to_owned()))
        );
        assert_eq!(
            run(".documenti tutti"),
            Ok(Meta::Print(documents_setting(false).to_owned()))
        );
        assert_eq!(
            run(".documents some"),
            Err("usage: .documents only|all".to_owned())
        );
        assert!(!session.settings.documents_only);
    }

    /// `.format` and `--format` read the same table: every name either takes, the other
    /// takes too (`turtle` used to work only on the command line).
    #[test]
    fn the_repl_and_the_command_line_take_the_same_format_names() {
        use clap::ValueEnum;
        let graph = crate::graph::KnowledgeGraph::embedded().expect("shipped graph");
        let mut session = Session::new(graph).expect("a session");
        let names = formats::FORMATS
            .iter()
            .flat_map(|spec| std::iter::once(spec.name).chain(spec.aliases.iter().copied()))
            .chain(["yaml", "TABLE", "text/csv"]);
        let mut accepted = 0;
        for name in names {
            let on_the_command_line = Format::from_str(name, false).ok();
            let in_the_repl = match meta_command(&mut session, &format!(".format {name}")) {
                Ok(_) => Some(session.settings.format),
                Err(message) => {
                    assert!(message.contains("table, csv, tsv, json, xml, turtle or ntriples"));
                    None
                }
            };
            assert_eq!(in_the_repl, on_the_command_line, "{name}");
            accepted += usize::from(in_the_repl.is_some());
        }
        assert!(accepted >= formats::command_line_formats().len());
        assert_eq!(
            meta_command(&mut session, ".format turtle"),
            Ok(Meta::Print("format: turtle".to_owned()))
        );
    }

    #[test]
    fn the_layout_and_the_pager_are_settings() {
        let graph = crate::graph::KnowledgeGraph::embedded().expect("shipped graph");
        let mut session = Session::new(graph).expect("a session");
        assert_eq!(session.settings.layout, Layout::Auto);
        assert!(session.settings.pager);
        let mut run = |line: &str| meta_command(&mut session, line);
        assert_eq!(
            run(".expanded"),
            Ok(Meta::Print("expanded: auto".to_owned()))
        );
        assert_eq!(
            run(".expanded on"),
            Ok(Meta::Print("expanded: on".to_owned()))
        );
        assert_eq!(
            run(".expanded sometimes"),
            Err("usage: .expanded on|off|auto".to_owned())
        );
        assert_eq!(run(".pager off"), Ok(Meta::Print("pager: off".to_owned())));
        assert_eq!(run(".pager"), Err("usage: .pager on|off".to_owned()));
        assert_eq!(session.settings.layout, Layout::Expanded);
        assert!(!session.settings.pager);
    }

    #[test]
    fn scripts_skip_comments_and_join_continued_lines() {
        let script = "# questions\nwho depends on NVIDIA\n\n  list regulators  \nsparql SELECT ?x \\\nWHERE { ?x ?p ?o }\n";
        assert_eq!(
            script_questions(script),
            vec![
                (2, "who depends on NVIDIA".to_owned()),
                (4, "list regulators".to_owned()),
                (5, "sparql SELECT ?x \nWHERE { ?x ?p ?o }".to_owned()),
            ]
        );
    }
}
