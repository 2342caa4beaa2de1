//! Asking questions: `-e`, `catena run FILE`, standard input, and the REPL.

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use catena::render::Format;
use catena::session::{Session, Settings};
use catena::{repl, shell};

use crate::cli::context::Context;
use crate::cli::error::CliError;
use crate::cli::output::table_style;

/// A question and where it came from: (file name or `-e #N`, first line, text).
pub type Sourced = (String, usize, String);

/// `catena --help-language`: the REPL's `.help`.
pub fn print_language_help() -> Result<(), CliError> {
    println!("{}", *shell::HELP);
    Ok(())
}

/// No command: the `-e` questions, else the REPL on a terminal, else standard input.
pub fn without_command(context: Context) -> Result<(), CliError> {
    if !context.questions.is_empty() {
        let session = context.session()?;
        return batch(session, &context, execute_questions(&context));
    }
    if io::stdin().is_terminal() {
        return run_repl(context.session()?, context.settings);
    }
    let text = read_stdin()?;
    let questions = sourced("<stdin>", &text);
    batch(context.session()?, &context, questions)
}

/// `catena run FILE`: the questions of a file (`-` for standard input).
pub fn file(context: Context, file: &Path) -> Result<(), CliError> {
    let (name, text) = if file.as_os_str() == "-" {
        ("<stdin>".to_owned(), read_stdin()?)
    } else {
        let text = std::fs::read(file)
            .map_err(|e| CliError::input(format!("cannot read {}: {e}", file.display())))?;
        let text = String::from_utf8(text).map_err(|e| {
            CliError::input(format!(
                "{}: not valid UTF-8 (at byte {})",
                file.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        (file.display().to_string(), text)
    };
    let questions = sourced(&name, &text);
    batch(context.session()?, &context, questions)
}

/// The `-e` questions, named `-e #1`, `-e #2`… for messages.
pub fn execute_questions(context: &Context) -> impl Iterator<Item = Sourced> + use<> {
    context
        .questions
        .clone()
        .into_iter()
        .enumerate()
        .map(|(i, q)| (format!("-e #{}", i + 1), 1, q))
}

/// The questions of a script text, named after where it came from.
fn sourced(name: &str, text: &str) -> impl Iterator<Item = Sourced> + use<> {
    let name = name.to_owned();
    shell::script_questions(text)
        .into_iter()
        .map(move |(line, q)| (name.clone(), line, q))
}

/// Answers questions in order; stops at the first failure unless --keep-going.
pub fn batch(
    mut session: Session,
    context: &Context,
    questions: impl Iterator<Item = Sourced>,
) -> Result<(), CliError> {
    session.settings = context.settings;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    let style = table_style(&context.settings);
    let mut failed = 0;
    let mut first = true;
    for (name, line, question) in questions {
        if !first && context.settings.format == Format::Table {
            writeln!(out)?;
        }
        first = false;
        let origin = shell::Origin { name, line };
        // A script gets the page it asked for (`first 20 …`), and no more.
        if !shell::answer_one(
            &session,
            &question,
            Some(&origin),
            style,
            &mut None,
            &mut out,
            &mut err,
        )? {
            failed += 1;
            if !context.keep_going {
                break;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        return Err(CliError::Reported);
    }
    Ok(())
}

/// The REPL, with the settings of the command line.
pub fn run_repl(mut session: Session, settings: Settings) -> Result<(), CliError> {
    session.settings = settings;
    repl::run(session).map_err(|e| CliError::io("the REPL stopped", &e))
}

fn read_stdin() -> Result<String, CliError> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        CliError::input(format!(
            "standard input is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}
