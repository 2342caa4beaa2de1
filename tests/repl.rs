//! The REPL driven through a pseudo-terminal: completion, history across sessions, an error
//! followed by a correct answer, and the dot-commands.

mod common;

use std::time::Duration;

use rexpect::reader::Options;
use rexpect::session::{PtySession, spawn_with_options};

const TIMEOUT_MS: u64 = 20_000;

fn repl(history: &std::path::Path) -> PtySession {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"));
    command
        .env("CATENA_HISTORY", history)
        // A real terminal type: rustyline turns line editing off on "dumb" ones.
        .env("TERM", "xterm")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1");
    let options = Options::new()
        .timeout_ms(Some(TIMEOUT_MS))
        .strip_ansi_escape_codes(true);
    let mut session = spawn_with_options(command, options).expect("the REPL starts in a pty");
    session.exp_string("catena> ").expect("a prompt");
    session
}

#[test]
fn an_error_then_an_answer_then_history_and_completion() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history");

    let mut session = repl(&history);
    session.send_line("who depnds on NVIDIA").expect("send");
    session
        .exp_string("did you mean \"depends\"?")
        .expect("a suggestion");
    session
        .exp_string("^^^^^^")
        .expect("a caret under the typo");
    session.exp_string("catena> ").expect("prompt again");

    session
        .send_line("what does NVIDIA depend on")
        .expect("send");
    session.exp_string("TSMC").expect("the answer");
    session.exp_string("catena> ").expect("prompt again");

    // Tab completes an entity name from a unique prefix.
    session.send("describe Neurono").expect("send");
    session.send("\t").expect("tab");
    session.flush().expect("flush");
    session.exp_string("Neuronova").expect("completed");
    session.send_line("").expect("enter");
    session.exp_string("Neuronova").expect("described");
    session.exp_string("catena> ").expect("prompt again");

    session.send_line(".format csv").expect("send");
    session.exp_string("format: csv").expect("format changed");
    // A repeated line adds nothing to the history, and must not empty it.
    session.send_line(".format csv").expect("send");
    session.exp_string("format: csv").expect("format again");
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("the REPL ends");

    let saved = std::fs::read_to_string(&history).expect("history was written");
    // Written whole (through a temporary file that is gone) and readable by its owner only.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(left, ["history"], "files left beside the history");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&history)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "history mode {mode:o}");
    }
    assert!(saved.contains("who depnds on NVIDIA"), "{saved}");
    assert!(saved.contains("what does NVIDIA depend on"), "{saved}");

    // A new session recalls earlier lines with the up arrow: .quit, then .format csv.
    let mut session = repl(&history);
    session.send("\x1b[A\x1b[A").expect("up arrow twice");
    session.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(200));
    session.send_line("").expect("enter");
    session
        .exp_string("format: csv")
        .expect("the recalled .format csv ran again");
    session.send_control('d').expect("ctrl-d");
    session.exp_eof().expect("the REPL ends on Ctrl-D");
}

#[test]
fn multi_line_sparql_and_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = repl(&dir.path().join("history"));
    session.send_line(".help").expect("send");
    session
        .exp_string("who depends on TSMC transitively")
        .expect("examples in .help");
    session.exp_string("catena> ").expect("prompt");
    session.send_line("sparql SELECT ?x WHERE {").expect("send");
    session
        .send_line("  ?x cat:manufacturesFor ent:NVIDIA }")
        .expect("send");
    session
        .exp_string("ent:TSMC")
        .expect("the multi-line query ran");
    session.send_line(".nonsense").expect("send");
    session
        .exp_string("unknown command `.nonsense`")
        .expect("a clear error");
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("ends");
}
