//! `catena serve`: the graph over the SPARQL 1.1 Protocol and the question language.

use std::io::{self, Write};
use std::time::Duration;

use catena::engine::Engine;
use catena::serve::ServeConfig;

use crate::cli::args::ServeArgs;
use crate::cli::context::Context;
use crate::cli::error::CliError;

pub fn run(context: &Context, args: ServeArgs) -> Result<(), CliError> {
    let engine = Engine::new(context.graph()?)?;
    let config = config(&args, context.settings.documents_only);
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which other machines can reach; catena has no authentication{}",
            args.bind,
            if args.allow_update {
                " and updates are allowed"
            } else {
                ""
            }
        );
    }
    catena::serve::run(std::sync::Arc::new(engine), config, |address| {
        println!("listening on http://{address}/sparql (questions: http://{address}/ask?q=…)");
        let _ = io::stdout().flush();
    })
    .map_err(|e| CliError::input(format!("cannot serve on {}: {e}", args.bind)))
}

/// The server's limits; a zero timeout or count would refuse everything, so each is at least 1.
fn config(args: &ServeArgs, documents_only: bool) -> ServeConfig {
    ServeConfig {
        documents_only,
        bind: args.bind,
        query_timeout: Duration::from_secs(args.timeout.max(1)),
        max_request_bytes: args.max_request_bytes,
        max_result_rows: args.max_rows,
        max_concurrent_queries: args.max_concurrent.max(1),
        allow_update: args.allow_update,
        cors: args.cors,
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
        max_connections: args.max_connections.max(1),
        max_product_rows: args.max_product_rows,
    }
}
