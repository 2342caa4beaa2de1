//! The REPL driven through a pseudo-terminal: completion, history across sessions, an error
//! followed by a correct answer, and the dot-commands.

mod common;

use std::time::Duration;

use rexpect::reader::Options;
use rexpect::session::{PtySession, spawn_with_options};

const TIMEOUT_MS: u64 = 20_000;

fn repl(history: &std::path::Path) -> PtySession {
    repl_with(history, &[], &[])
}

/// The REPL with these arguments and environment variables (over the defaults).
fn repl_with(history: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> PtySession {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"));
    command
        .args(args)
        .env("CATENA_HISTORY", history)
        // A real terminal type: rustyline turns line editing off on "dumb" ones.
        .env("TERM", "xterm")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        // The pty has no size: long answers (`.help`) are paged, by a pager that needs no
        // keys.
        .env_remove("LINES")
        .env("PAGER", "cat")
        .envs(env.iter().copied());
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
        .exp_string("did you mean `who depends on NVIDIA`?")
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
    // Lines typed before the continuation prompt shows would be lost (rustyline keeps no
    // type-ahead between lines; a paste arrives whole).
    session
        .exp_string("   ...> ")
        .expect("a continuation prompt");
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

#[test]
fn expanded_answers_and_continued_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history");
    // --width holds in the REPL as in -e.
    let mut session = repl_with(&history, &["--width", "60"], &[]);
    session.send_line(".expanded on").expect("send");
    session.exp_string("expanded: on").expect("expanded");
    session.send_line("who depends on NVIDIA").expect("send");
    // rexpect reads bytes as Latin-1: the expected strings are ASCII.
    session.exp_string("[ RECORD 1 ]").expect("a record");
    session.exp_string("Amazon").expect("a value");
    session.exp_string("[ RECORD 5 ]").expect("a record each");
    session.exp_string("(5 rows)").expect("the count");
    session.send_line(".expanded off").expect("send");
    session.exp_string("expanded: off").expect("a table again");

    // A trailing backslash continues the question after a continuation prompt.
    session.send_line("who depends on \\").expect("send");
    session
        .exp_string("   ...> ")
        .expect("a continuation prompt");
    session.send_line("NVIDIA with sources").expect("send");
    // The document's title wraps to the width.
    session
        .exp_string(" Market structure of generative AI   ")
        .expect("a wrapped table");
    session
        .exp_string(" models (chapter) ")
        .expect("the rest of the cell");
    session.exp_string("catena> ").expect("prompt again");

    // A SPARQL query continues while a brace is open.
    session.send_line("sparql SELECT ?x WHERE {").expect("send");
    session
        .exp_string("   ...> ")
        .expect("a continuation prompt");
    session.send_line("  ?x cat:manufacturesFor").expect("send");
    session.exp_string("   ...> ").expect("still open");
    session.send_line("  ent:NVIDIA }").expect("send");
    session.exp_string("ent:TSMC").expect("the query ran");
    session.exp_string("catena> ").expect("prompt again");

    // Ctrl-C drops a question halfway.
    session.send_line("who depends on \\").expect("send");
    session
        .exp_string("   ...> ")
        .expect("a continuation prompt");
    session.send_control('c').expect("ctrl-c");
    session.exp_string("catena> ").expect("a fresh prompt");
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("ends");

    // Each question is one entry of the history, however many lines it took.
    let saved = std::fs::read_to_string(&history).expect("history was written");
    assert!(
        saved
            .lines()
            .any(|l| l == r"who depends on \nNVIDIA with sources"),
        "{saved}"
    );
    assert!(
        saved
            .lines()
            .any(|l| l == r"sparql SELECT ?x WHERE {\n  ?x cat:manufacturesFor\n  ent:NVIDIA }"),
        "{saved}"
    );
}

#[test]
fn long_answers_go_through_the_pager() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history");
    let pager = [("PAGER", "sed s/^/PAGED:/"), ("LINES", "6")];
    let mut session = repl_with(&history, &[], &pager);
    session.send_line("who depends on NVIDIA").expect("send");
    let paged = session.exp_string("PAGED:(5 rows)").expect("the pager ran");
    let rows: Vec<&str> = paged.lines().filter(|l| l.contains("Microsoft")).collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|l| l.starts_with("PAGED:")),
        "{paged}"
    );
    session.exp_string("catena> ").expect("prompt again");
    // A short answer is printed as it is.
    session
        .send_line("sparql ASK { ent:NVIDIA ?p ?o }")
        .expect("send");
    let before = session.exp_string("catena> ").expect("prompt again");
    assert!(
        before.contains("true") && !before.contains("PAGED:"),
        "{before}"
    );
    session.send_line(".pager off").expect("send");
    session.exp_string("pager: off").expect("pager off");
    session.send_line("who depends on NVIDIA").expect("send");
    let before = session.exp_string("(5 rows)").expect("the answer");
    assert!(
        before.contains(" Amazon ") && !before.contains("PAGED:"),
        "{before}"
    );
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("ends");

    // A pager that cannot be run: the answer is printed instead.
    let missing = [("PAGER", "no-such-pager-for-catena"), ("LINES", "6")];
    let mut session = repl_with(&history, &[], &missing);
    session.send_line("who depends on NVIDIA").expect("send");
    session
        .exp_string(" Amazon ")
        .expect("printed all the same");
    session.exp_string("(5 rows)").expect("the whole answer");
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("ends");
}

/// Tab offers what the grammar takes where the cursor is: names after a relation, a kind's
/// restrictions after a kind.
#[test]
fn completion_follows_the_grammar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = repl(&dir.path().join("history"));
    // `NV` starts several names: a second Tab lists them.
    session.send("who depends on NV").expect("send");
    session.send("\t").expect("tab");
    session.send("\t").expect("tab again");
    session.flush().expect("flush");
    // The list, then the line again under it.
    let listed = session
        .exp_string("catena> who depends on NV")
        .expect("a list of names");
    assert!(
        listed.contains("NVIDIA H100") && listed.contains("NVLink"),
        "{listed}"
    );
    session.send("I\t").expect("one more letter, then tab");
    session.flush().expect("flush");
    session
        .exp_string("who depends on NVIDIA")
        .expect("completed");
    session.send_line("").expect("enter");
    session.exp_string("(5 rows)").expect("answered");
    session.exp_string("catena> ").expect("prompt again");

    // After a kind: `that` (every candidate starting `tha` starts with it).
    session.send("which companies tha").expect("send");
    session.send("\t").expect("tab");
    session.flush().expect("flush");
    session
        .exp_string("which companies that")
        .expect("`that` completed");
    session.send(" depend on TSMC").expect("send");
    session.send_line("").expect("enter");
    session.exp_string("NVIDIA").expect("answered");
    session.exp_string("catena> ").expect("prompt again");
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("ends");
}

mod completion {
    //! The language's completer over the shipped lexicon, with no terminal.

    use catena_language::Untranslatable;
    use catena_language::complete::{Budget, Completer, Completions};
    use catena_language::vocabulary::Vocabulary;

    /// Enough tries for every candidate the assertions name, whatever the machine's speed.
    const TRIES: usize = 600;

    fn shipped() -> (Vocabulary, Completer) {
        let lexicon = catena::graph::embedded_vocabulary();
        let completer = Completer::new(&lexicon);
        (lexicon, completer)
    }

    fn offers(completions: &Completions, word: &str) -> bool {
        completions.candidates.iter().any(|c| c == word)
    }

    /// The entities' names that are no kind's or measure's words too (`antitrust
    /// authorities` is both).
    fn names_only(lexicon: &Vocabulary) -> Vec<&str> {
        let kinds: Vec<String> = lexicon
            .classes
            .iter()
            .flat_map(|c| c.plurals.iter().chain(&c.singulars))
            .chain(lexicon.measures.iter().flat_map(|m| &m.phrases))
            .map(|p| p.text.clone())
            .collect();
        lexicon
            .entities
            .names()
            .filter(|name| !kinds.contains(&name.to_lowercase()))
            .collect()
    }

    /// The relations' phrases and the forms' words: what may not follow a relation.
    fn language_words(lexicon: &Vocabulary) -> Vec<String> {
        let relations = lexicon.relations.iter().flat_map(|r| {
            r.phrases
                .iter()
                .chain(&r.inverse_phrases)
                .chain(&r.plural_phrases)
                .chain(&r.participles)
                .chain(&r.passives)
                .map(|p| p.text.clone())
        });
        let forms = catena::forms::FORMS.iter().flat_map(|form| {
            form.languages()
                .into_iter()
                .flat_map(|words| words.phrases.iter().chain(words.keywords))
                .map(|word| word.to_string())
        });
        relations.chain(forms).collect()
    }

    #[test]
    fn after_a_relation_come_names_in_both_languages() {
        let (lexicon, completer) = shipped();
        let words = language_words(&lexicon);
        for prefix in ["who depends on ", "chi dipende da "] {
            let completions = completer.complete_within(prefix, Budget::tries(TRIES));
            assert_eq!(completions.start, prefix.len());
            assert!(
                offers(&completions, "NVIDIA"),
                "{prefix:?}: {completions:?}"
            );
            assert!(offers(&completions, "TSMC"), "{prefix:?}: {completions:?}");
            let wrong: Vec<&String> = completions
                .candidates
                .iter()
                .filter(|c| words.iter().any(|w| w.eq_ignore_ascii_case(c)))
                .collect();
            assert!(wrong.is_empty(), "{prefix:?} offers {wrong:?}");
        }
    }

    #[test]
    fn after_a_kind_come_its_restrictions() {
        let (lexicon, completer) = shipped();
        let names = names_only(&lexicon);
        for (prefix, relative) in [("which companies ", "that"), ("quali aziende ", "che")] {
            let completions = completer.complete_within(prefix, Budget::tries(TRIES));
            assert!(
                offers(&completions, relative),
                "{prefix:?}: {completions:?}"
            );
            assert!(offers(&completions, "in"), "{prefix:?}: {completions:?}");
            let named: Vec<&String> = completions
                .candidates
                .iter()
                .filter(|c| names.contains(&c.as_str()))
                .collect();
            assert!(named.is_empty(), "{prefix:?} offers names {named:?}");
        }
        let completions = completer.complete_within("which companies th", Budget::tries(TRIES));
        assert!(offers(&completions, "that depend on"), "{completions:?}");
    }

    #[test]
    fn words_and_phrases_begun_are_finished() {
        let (_, completer) = shipped();
        let completions = completer.complete_within("list compan", Budget::tries(TRIES));
        assert_eq!(completions.start, 5);
        assert!(offers(&completions, "companies"), "{completions:?}");
        let completions = completer.complete_within("describe Neurono", Budget::tries(TRIES));
        assert_eq!(completions.candidates[0], "Neuronova", "{completions:?}");
        let completions = completer.complete_within("who depends o", Budget::tries(TRIES));
        assert_eq!(completions.start, 12);
        assert_eq!(completions.candidates, ["on"]);
        let completions =
            completer.complete_within("top 3 chatbots by traffic s", Budget::tries(TRIES));
        assert_eq!(completions.candidates[0], "share", "{completions:?}");
    }

    #[test]
    fn no_names_in_a_ranking_before_its_measure() {
        let (lexicon, completer) = shipped();
        let names = names_only(&lexicon);
        let completions = completer.complete_within("top 3 ", Budget::tries(TRIES));
        assert!(offers(&completions, "chatbots"), "{completions:?}");
        let named: Vec<&String> = completions
            .candidates
            .iter()
            .filter(|c| names.contains(&c.as_str()))
            .collect();
        assert!(named.is_empty(), "`top 3` offers names {named:?}");
    }

    /// Rests that finish a question of any form, to show that one offered can go on.
    const RESTS: &[&str] = &[
        "",
        " NVIDIA",
        " OpenAI",
        " depends on NVIDIA",
        " dipende da NVIDIA",
        " companies",
        " of ChatGPT",
        " di ChatGPT",
        " 3 chatbots by traffic share",
        " chatbots by traffic share",
        " by traffic share",
        " traffic share",
        " from OpenAI to TSMC",
        " da OpenAI a TSMC",
        " to TSMC",
        " 2024",
        " December 2024",
        " dicembre 2024",
        " 2019 and 2022",
        " deals",
        " cloud",
        " cloud deals",
        " releases",
        " open source",
        " sources",
        " fonti",
    ];

    /// A property over the prefixes of `completion_prefixes.txt`: every word offered leaves
    /// a question that the translator refuses nowhere before the word's end — as it is, or
    /// with one of [`RESTS`] after it.
    #[test]
    fn no_word_offered_is_refused_where_it_is_put() {
        let (lexicon, completer) = shipped();
        let mut refused = vec![];
        let mut offered = 0;
        for line in include_str!("completion_prefixes.txt").lines() {
            let Some(prefix) = line.strip_suffix('|') else {
                continue;
            };
            let completions = completer.complete_within(prefix, Budget::tries(200));
            offered += completions.candidates.len();
            for candidate in &completions.candidates {
                let text = format!("{}{candidate}", &prefix[..completions.start]);
                if !goes_on(&text, &lexicon) {
                    refused.push(text);
                }
            }
        }
        assert!(offered > 500, "only {offered} candidates offered");
        assert!(refused.is_empty(), "offered, and refused: {refused:#?}");
    }

    fn goes_on(text: &str, lexicon: &Vocabulary) -> bool {
        let end = text.len();
        RESTS.iter().any(|rest| {
            match catena_language::translate(&format!("{text}{rest}"), lexicon, false) {
                Ok(_) => true,
                Err(Untranslatable::Resolve(error)) => error.span.start >= end,
                Err(Untranslatable::Parse(error)) => rest.is_empty() && error.span.start >= end,
            }
        })
    }
}

#[test]
fn first_n_shows_a_page_and_more_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let history = dir.path().join("history");
    let mut session = repl(&history);
    session.send_line(".more").expect("send");
    session
        .exp_string("no more rows")
        .expect("nothing to page yet");
    session
        .send_line("first 2 companies that depend on NVIDIA")
        .expect("send");
    session.exp_string("Amazon").expect("the first row");
    session.exp_string("ASC27").expect("the second row");
    // rexpect reads bytes as Latin-1: the expected strings are ASCII.
    session
        .exp_string("2 of 5)")
        .expect("which rows of how many");
    session
        .exp_string(".more shows the next 2")
        .expect("a hint");
    session.send_line(".more").expect("send");
    session.exp_string("DeepSeek").expect("the third row");
    session.exp_string("Google").expect("the fourth row");
    session.exp_string("4 of 5)").expect("the second page");
    session.send_line(".more").expect("send");
    session.exp_string("Microsoft").expect("the last row");
    session.exp_string("5 of 5)").expect("the last page");
    session.send_line(".more").expect("send");
    session.exp_string("no more rows").expect("the end");
    session
        .send_line("primi 2 modelli di Google")
        .expect("send");
    session.exp_string("2 of 3)").expect("an Italian page");
    session.send_line(".quit").expect("send");
    session.exp_eof().expect("the REPL ends");
}
