//! `catena gen`: a synthetic value-chain graph for benchmarks.

use std::time::Instant;

use catena::r#gen::{self, GenError, GenOptions};

use crate::cli::args::GenArgs;
use crate::cli::error::CliError;

pub fn run(args: GenArgs) -> Result<(), CliError> {
    let entities = match (args.entities, args.triples) {
        (Some(entities), _) => entities,
        (None, Some(triples)) => r#gen::entities_for_triples(triples),
        (None, None) => {
            return Err(CliError::usage("give --entities N or --triples T"));
        }
    };
    let options = GenOptions {
        entities,
        seed: args.seed,
    };
    let started = Instant::now();
    let summary = r#gen::write(&options, &args.out).map_err(|e| match e {
        GenError::Usage(message) => CliError::usage(message),
        e => CliError::input(e.to_string()),
    })?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "generated {} entities, {} triples in {seconds:.2} s ({:.0} triples/s) into {}",
        summary.entities,
        summary.quads,
        summary.quads as f64 / seconds.max(1e-9),
        args.out.display()
    );
    Ok(())
}
