//! The interactive REPL: rustyline with persistent history, completion of keywords,
//! relation phrases, class names, measures, qualifiers and entity names, and multi-line input.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};

use unicode_width::UnicodeWidthStr;

use crate::answer::Answer;
use crate::render::TableStyle;
use crate::session::{Session, Settings};
use crate::shell::{self, Meta};

const META_COMMANDS: &[&str] = &[
    ".help",
    ".format",
    ".sources",
    ".explain",
    ".timing",
    ".documents",
    ".expanded",
    ".pager",
    ".entities",
    ".relations",
    ".more",
    ".quit",
];

/// What Tab offers: the words and names the grammar takes where the cursor is, by the
/// language's completer over the session's lexicon.
struct CatenaHelper {
    completer: catena_language::complete::Completer,
}

impl CatenaHelper {
    fn new(session: &Session) -> Self {
        Self {
            completer: catena_language::complete::Completer::new(&session.vocabulary()),
        }
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
        let before = line.get(..pos).unwrap_or(line);
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
        let completions = self.completer.complete(before);
        let matches = completions
            .candidates
            .into_iter()
            .map(|candidate| Pair {
                display: candidate.clone(),
                replacement: candidate,
            })
            .collect();
        Ok((completions.start, matches))
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

/// Every line is complete to rustyline: the lines that continue a question are read by
/// [`run`], after a continuation prompt of their own (rustyline has none).
impl Validator for CatenaHelper {}

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

/// The prompt of a question's first line.
const PROMPT: &str = "catena> ";
/// The prompt of the lines that continue a question: as wide as the first prompt, so they align.
pub const CONTINUATION_PROMPT: &str = "   ...> ";
/// The pager when `$PAGER` is not set: it quits when the answer fits one screen (`-F`),
/// keeps colours (`-R`) and leaves the answer on the screen (`-X`).
const DEFAULT_PAGER: &str = "less -FRX";

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
    println!("catena — the generative-AI value chain. Type .help for examples, .quit to leave.");
    // The next page of the last answer asked a page at a time (`first 20 …`).
    let mut more: Option<Answer> = None;
    loop {
        let input = match read_question(&mut editor) {
            Ok(input) => input,
            // Ctrl-C drops the question, however many lines it had.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(error) => return Err(io::Error::other(error)),
        };
        let input = input.trim();
        if input.is_empty() {
            continue;
        }
        // One entry, however many lines: the up arrow recalls the whole question.
        let _ = editor.add_history_entry(input);
        if let Some(path) = &history {
            // History is a convenience: failing to keep it never stops the REPL.
            let _ = save_history(&mut editor, path);
        }
        if input == ".more" {
            more = show_more(&session, more.take())?;
            continue;
        }
        if input.starts_with('.') {
            match shell::meta_command(&mut session, input) {
                Ok(Meta::Print(text)) => show(&session.settings, format!("{text}\n").as_bytes())?,
                Ok(Meta::Quit) => break,
                Err(message) => eprintln!("error: {message}"),
            }
            continue;
        }
        more = answer(&session, input)?;
    }
    Ok(())
}

/// `.more`: the next page of the last answer asked a page at a time, and the page after it.
fn show_more(session: &Session, more: Option<Answer>) -> io::Result<Option<Answer>> {
    let Some(page) = more else {
        eprintln!("{}", shell::NO_MORE);
        return Ok(None);
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let style = table_style(&session.settings);
    shell::write_answer(&page, session.settings.format, style, &mut out, &mut err)?;
    show(&session.settings, &out)?;
    io::stderr().write_all(&err)?;
    Ok(page.next_page())
}

/// Reads a question: a line after the prompt, then, while it [needs more
/// input](needs_more_input), the lines after the continuation prompt, joined by line breaks
/// (the `\` that asked for one is dropped).
fn read_question<H: Helper>(editor: &mut Editor<H, DefaultHistory>) -> rustyline::Result<String> {
    let mut input = editor.readline(PROMPT)?;
    while needs_more_input(&input) {
        let line = editor.readline(CONTINUATION_PROMPT)?;
        input = join_continued(&input, &line);
    }
    Ok(input)
}

/// A question's text so far and its next line: a trailing `\` becomes the line break.
pub fn join_continued(input: &str, line: &str) -> String {
    let head = input.trim_end().strip_suffix('\\').unwrap_or(input);
    format!("{head}\n{line}")
}

/// Answers a question in the REPL: the answer on standard output (paged when long), then
/// what went to standard error (an error, the time it took). Returns the answer's next page,
/// for `.more`.
fn answer(session: &Session, question: &str) -> io::Result<Option<Answer>> {
    let style = table_style(&session.settings);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut more = None;
    shell::answer_one(
        session, question, None, style, &mut more, &mut out, &mut err,
    )?;
    if let Some(next) = &more {
        let size = next.page.map_or(0, |page| page.size);
        writeln!(out, ".more shows the next {size}")?;
    }
    show(&session.settings, &out)?;
    let mut stderr = io::stderr().lock();
    stderr.write_all(&err)?;
    stderr.flush()?;
    Ok(more)
}

/// How tables are written on standard output: `--width`, else the terminal's width when
/// standard output is a terminal (else not wrapped at all), in the settings' layout.
pub fn table_style(settings: &Settings) -> TableStyle {
    TableStyle {
        max_width: settings
            .width
            .or_else(|| io::stdout().is_terminal().then(terminal_width)),
        layout: settings.layout,
    }
}

/// Writes `text` on standard output, through the pager when the pager is on, standard
/// output is a terminal and `text` takes more rows than the terminal has beside the prompt.
fn show(settings: &Settings, text: &[u8]) -> io::Result<()> {
    let stdout = io::stdout();
    let long = || rows(&String::from_utf8_lossy(text), terminal_width()) >= terminal_height();
    if settings.pager && stdout.is_terminal() && long() && page(text) {
        return Ok(());
    }
    let mut out = stdout.lock();
    out.write_all(text)?;
    out.flush()
}

/// The rows `text` takes on a terminal `width` columns wide (a long line takes several).
fn rows(text: &str, width: usize) -> usize {
    text.lines()
        .map(|line| line.width().div_ceil(width.max(1)).max(1))
        .sum()
}

/// Shows `text` with `$PAGER` (`less -FRX` when unset), as psql does; false when the pager
/// could not be started, for the caller to print `text` itself.
fn page(text: &[u8]) -> bool {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|pager| !pager.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_PAGER.to_owned());
    let Ok(mut child) = pager_command(&pager).stdin(Stdio::piped()).spawn() else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The pager may be left before it has read everything (`q` in less): no error.
        let _ = stdin.write_all(text);
    }
    // The shell exits with 127 when it finds no such command, 126 when it cannot run it.
    child
        .wait()
        .is_ok_and(|status| !matches!(status.code(), Some(126 | 127)))
}

/// The pager's command line, run by the shell as psql runs it (`PAGER="less -S"` works).
#[cfg(unix)]
fn pager_command(pager: &str) -> Command {
    let mut command = Command::new("sh");
    command.arg("-c").arg(pager);
    command
}

/// The pager's command line, split at spaces.
#[cfg(not(unix))]
fn pager_command(pager: &str) -> Command {
    let mut words = pager.split_whitespace();
    let mut command = Command::new(words.next().unwrap_or("more"));
    command.args(words);
    command
}

/// The terminal's width, else `$COLUMNS`, else 100.
pub fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(width, _)| usize::from(width.0))
        .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
        .filter(|&c: &usize| c >= 20)
        .unwrap_or(100)
}

/// The terminal's height, else `$LINES`, else 24.
pub fn terminal_height() -> usize {
    terminal_size::terminal_size()
        .map(|(_, height)| usize::from(height.0))
        .or_else(|| std::env::var("LINES").ok().and_then(|l| l.parse().ok()))
        .filter(|&l: &usize| l >= 1)
        .unwrap_or(24)
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

    #[test]
    fn continued_lines_join_with_a_line_break() {
        let first = join_continued("who depends on \\", "NVIDIA");
        assert_eq!(first, "who depends on \nNVIDIA");
        assert!(!needs_more_input(&first));
        let query = join_continued("sparql SELECT ?x WHERE {", "  ?x ?p ?o");
        assert_eq!(query, "sparql SELECT ?x WHERE {\n  ?x ?p ?o");
        assert!(needs_more_input(&query));
        assert!(!needs_more_input(&join_continued(&query, "}")));
    }

    #[test]
    fn long_lines_take_several_rows() {
        assert_eq!(rows("a\nb\n", 80), 2);
        assert_eq!(rows(&"x".repeat(81), 80), 2);
        assert_eq!(rows("\n", 80), 1);
    }
}
