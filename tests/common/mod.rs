//! Helpers shared by the end-to-end tests: run the `catena` binary and read its output.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use assert_cmd::Command;

/// A `catena` command with no user configuration leaking in.
pub fn catena() -> Command {
    let mut cmd = Command::cargo_bin("catena").expect("the catena binary is built");
    cmd.env_remove("CATENA_HISTORY").env("NO_COLOR", "1");
    cmd
}

/// A table of an answer: variable → value (IRIs in full, literals as their lexical form).
pub type Row = BTreeMap<String, String>;

/// Runs `catena ARGS…`, which must print SPARQL JSON results, and returns their rows.
pub fn json_rows(args: &[&str]) -> Vec<Row> {
    let output = catena().args(args).output().expect("catena runs");
    assert!(
        output.status.success(),
        "catena {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "catena {args:?}: not SPARQL JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    binding_rows(
        json["results"]["bindings"]
            .as_array()
            .expect("bindings array"),
    )
}

/// The rows of a question's answer, with global `flags` (`--documents-only`) before it.
pub fn answer_with(flags: &[&str], question: &str) -> Vec<Row> {
    let mut args = flags.to_vec();
    args.extend(["--format", "json", "-e", question]);
    json_rows(&args)
}

/// Runs a SPARQL SELECT through `catena sparql --format json`, with global `flags`.
pub fn select_with(flags: &[&str], query: &str) -> Vec<Row> {
    let mut args = flags.to_vec();
    args.extend(["sparql", "--format", "json", query]);
    json_rows(&args)
}

/// Runs a SPARQL SELECT through `catena sparql --format json` and returns its rows.
pub fn select(query: &str) -> Vec<Row> {
    select_with(&[], query)
}

/// SPARQL JSON bindings as rows: variable → value (IRIs in full, literals as their lexical
/// form).
pub fn binding_rows(bindings: &[serde_json::Value]) -> Vec<BTreeMap<String, String>> {
    bindings
        .iter()
        .map(|binding| {
            binding
                .as_object()
                .expect("binding object")
                .iter()
                .map(|(var, term)| {
                    let value = term["value"].as_str().expect("term value").to_owned();
                    (var.clone(), value)
                })
                .collect()
        })
        .collect()
}

/// Runs an ASK query and returns its boolean.
pub fn ask(query: &str) -> bool {
    let output = catena()
        .args(["sparql", "--format", "json", query])
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "query failed: {}\n{}",
        query,
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("catena prints SPARQL JSON results");
    json["boolean"].as_bool().expect("ASK result")
}

/// The single value of `var` in a one-row result, with a readable failure otherwise.
pub fn single(rows: &[BTreeMap<String, String>], var: &str) -> String {
    assert_eq!(rows.len(), 1, "expected one row, got {rows:#?}");
    rows[0]
        .get(var)
        .unwrap_or_else(|| panic!("no ?{var} in {rows:#?}"))
        .clone()
}

/// True if some row binds every (variable, value) pair given.
pub fn has_row(rows: &[BTreeMap<String, String>], want: &[(&str, &str)]) -> bool {
    rows.iter().any(|row| {
        want.iter()
            .all(|(var, value)| row.get(*var).map(String::as_str) == Some(*value))
    })
}

/// The locators of the passages in whose graph `pattern` holds; `pattern` is a graph pattern
/// (filters allowed) evaluated inside `GRAPH ?g { … }`, `outside` is matched against the
/// union of all graphs (e.g. attributes of a node that a footnote only cites).
pub fn locators(pattern: &str, outside: &str) -> BTreeSet<String> {
    let query = format!(
        "SELECT DISTINCT ?loc WHERE {{ GRAPH ?g {{ {pattern} }} ?g cat:locator ?loc . {outside} }}"
    );
    select(&query)
        .into_iter()
        .map(|row| row.get("loc").cloned().expect("?loc is bound"))
        .collect()
}

/// A `catena serve` process on a free loopback port, killed when dropped.
pub struct ServeProcess {
    child: std::process::Child,
    /// `127.0.0.1:PORT`
    pub address: String,
}

impl ServeProcess {
    /// Starts `catena [global args] serve --bind 127.0.0.1:0 [serve args]` and waits for the
    /// line that says where it listens.
    pub fn start(global: &[&str], serve: &[&str]) -> Self {
        use std::io::BufRead as _;
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("catena"))
            .args(global)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(serve)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("catena serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("catena serve prints where it listens");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Self { child, address }
    }

    pub fn sparql_url(&self) -> String {
        format!("http://{}/sparql", self.address)
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The resident memory of a process (`self` for this one), in KiB (Linux).
pub fn resident_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// One HTTP response from a connection: its head, then as many bytes as its Content-Length
/// says (so a kept-alive connection needs no close to end it). None when the server closed
/// before sending anything.
pub fn read_http_response(stream: &mut std::net::TcpStream) -> Option<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => bytes.push(byte[0]),
            _ => return (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()),
        }
    }
    let head = String::from_utf8_lossy(&bytes).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).ok()?;
    Some(head + &String::from_utf8_lossy(&body))
}

/// Starts `catena serve`'s server in this process on 127.0.0.1, port 0, and returns its
/// address once it listens.
pub fn start_server(
    engine: std::sync::Arc<catena::engine::Engine>,
    config: catena::serve::ServeConfig,
) -> std::net::SocketAddr {
    let config = catena::serve::ServeConfig {
        bind: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        ..config
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = catena::serve::run(engine, config, move |address| {
            let _ = sender.send(address);
        });
        panic!("the server stopped: {result:?}");
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the server listens")
}
