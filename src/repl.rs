//! The interactive REPL: rustyline with persistent history, completion of keywords,
//! relation phrases, class names, measures, qualifiers and entity names, and multi-line input.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Editor, Helper};

use crate::render::TableStyle;
use crate::session::Session;
use crate::shell::{self, Meta};

const META_COMMANDS: &[&str] = &[
    ".help",
    ".format",
    ".sources",
    ".explain",
    ".timing",
    ".documents",
    ".entities",
    ".relations",
    ".quit",
];

/// Words the completer offers: every phrase, plural, measure and entity name.
struct CatenaHelper {
    candidates: Vec<String>,
}

impl CatenaHelper {
    fn new(session: &Session) -> Self {
        let vocabulary = session.vocabulary();
        let mut candidates: Vec<String> = crate::forms::phrases()
            .map(str::to_owned)
            .chain(vocabulary.relations.iter().flat_map(|r| {
                r.phrases
                    .iter()
                    .chain(&r.inverse_phrases)
                    .map(|p| p.text.clone())
            }))
            .chain(
                vocabulary
                    .classes
                    .iter()
                    .flat_map(|c| c.plurals.iter().map(|p| p.text.clone())),
            )
            .chain(
                vocabulary
                    .measures
                    .iter()
                    .flat_map(|m| m.phrases.iter().map(|p| p.text.clone())),
            )
            .chain(
                vocabulary
                    .qualifiers
                    .iter()
                    .flat_map(|q| q.phrases.iter().map(|p| p.text.clone())),
            )
            .chain(vocabulary.entities.names().map(str::to_owned))
            .collect();
        candidates.sort_by_key(|c| c.to_lowercase());
        candidates.dedup();
        Self { candidates }
    }
}

impl Completer for CatenaHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        if before.starts_with('.') && !before.contains(' ') {
            let matches = META_COMMANDS
                .iter()
                .filter(|c| c.starts_with(before))
                .map(|c| Pair {
                    display: (*c).to_owned(),
                    replacement: format!("{c} "),
                })
                .collect();
            return Ok((0, matches));
        }
        // Complete the last word, offering multi-word names and phrases that start with it;
        // if a longer tail of the line matches the start of a candidate, prefer that.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                before
                    .char_indices()
                    .filter(|(_, c)| *c == ' ' || *c == '"')
                    .map(|(i, c)| i + c.len_utf8()),
            )
            .collect();
        for &start in &starts {
            let typed = before[start..].to_lowercase();
            if typed.is_empty() {
                continue;
            }
            let matches: Vec<Pair> = self
                .candidates
                .iter()
                .filter(|c| c.to_lowercase().starts_with(&typed))
                .map(|c| Pair {
                    display: c.clone(),
                    replacement: c.clone(),
                })
                .collect();
            if !matches.is_empty() {
                return Ok((start, matches));
            }
        }
        Ok((pos, vec![]))
    }
}

impl Hinter for CatenaHelper {
    type Hint = String;
}

impl Highlighter for CatenaHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for CatenaHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if needs_more_input(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

impl Helper for CatenaHelper {}

/// A line ending in `\`, or a SPARQL query with unclosed braces, continues.
pub fn needs_more_input(input: &str) -> bool {
    let trimmed = input.trim_end();
    if trimmed.ends_with('\\') {
        return true;
    }
    let is_sparql = trimmed
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("sparql"));
    is_sparql && trimmed.matches('{').count() > trimmed.matches('}').count()
}

/// Where history is kept: `$CATENA_HISTORY`, else `~/.catena_history`.
fn history_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CATENA_HISTORY") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".catena_history"))
}

/// Writes the history beside `path` and renames it over `path`: a crash or a second REPL
/// never leaves half a file. rustyline creates the file readable by its owner only
/// (questions may name what an analyst is working on).
fn save_history(
    editor: &mut Editor<CatenaHelper, DefaultHistory>,
    path: &std::path::Path,
) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "catena_history".to_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&temporary);
    let saved = editor.save_history(&temporary).map_err(io::Error::other);
    // rustyline writes nothing when there is nothing new (a repeated line): then the file
    // stays as it is.
    let written = saved.and_then(|()| {
        if temporary.exists() {
            std::fs::rename(&temporary, path)
        } else {
            Ok(())
        }
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// Runs the REPL until `.quit` or end of input.
pub fn run(mut session: Session) -> io::Result<()> {
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        .completion_type(rustyline::CompletionType::List)
        .max_history_size(10_000)
        .map_err(io::Error::other)?
        .build();
    let mut editor: Editor<CatenaHelper, DefaultHistory> =
        Editor::with_config(config).map_err(io::Error::other)?;
    editor.set_helper(Some(CatenaHelper::new(&session)));
    let history = history_path();
    if let Some(path) = &history {
        // A missing history file is normal on the first run.
        let _ = editor.load_history(path);
    }
    let stdout = io::stdout();
    println!("catena — the generative-AI value chain. Type .help for examples, .quit to leave.");
    loop {
        match editor.readline("catena> ") {
            Ok(line) => {
                let input = line.replace("\\\n", "\n");
                let input = input.trim();
                if input.is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(input);
                if let Some(path) = &history {
                    // History is a convenience: failing to keep it never stops the REPL.
                    let _ = save_history(&mut editor, path);
                }
                if input.starts_with('.') {
                    match shell::meta_command(&mut session, input) {
                        Ok(Meta::Print(text)) => println!("{text}"),
                        Ok(Meta::Quit) => break,
                        Err(message) => eprintln!("error: {message}"),
                    }
                    continue;
                }
                let style = TableStyle {
                    max_width: stdout.is_terminal().then(terminal_width),
                };
                let mut out = stdout.lock();
                let mut err = io::stderr().lock();
                shell::answer_one(&session, input, None, style, &mut out, &mut err)?;
                out.flush()?;
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(error) => return Err(io::Error::other(error)),
        }
    }
    Ok(())
}

/// The terminal's width, else `$COLUMNS`, else 100.
pub fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(width, _)| usize::from(width.0))
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .filter(|&c: &usize| c >= 20)
        .unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_rules() {
        assert!(needs_more_input("who depends on \\"));
        assert!(needs_more_input("sparql SELECT ?x WHERE {"));
        assert!(!needs_more_input("sparql SELECT ?x WHERE { ?x ?p ?o }"));
        assert!(!needs_more_input("who depends on NVIDIA"));
    }
}
