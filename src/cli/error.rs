//! The one error type of the command line, and the one place its exit codes are decided.

use std::io;
use std::process::ExitCode;

use catena::graph::LoadError;
use catena::render::RenderError;
use catena::store::StoreError;

/// Why a command failed; [`CliError::exit_code`] says what that is worth.
#[derive(Debug)]
pub enum CliError {
    /// Bad input: a query, a data file, a question, a failing store or endpoint.
    Input(String),
    /// Wrong use of the command line.
    Usage(String),
    /// Questions failed and each has been reported where it failed; nothing more to say.
    Reported,
    /// Standard output was closed (`catena … | head`): not an error worth a message.
    ClosedOutput,
}

impl CliError {
    pub fn input(message: impl Into<String>) -> Self {
        Self::Input(message.into())
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }

    /// An I/O error while doing `what` (`"the REPL stopped"`), unless it is a closed pipe.
    pub fn io(what: &str, error: &io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Self::ClosedOutput
        } else {
            Self::Input(format!("{what}: {error}"))
        }
    }

    /// 0 ok, 1 bad input or failed questions, 2 wrong use of the command line.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::ClosedOutput => 0,
            Self::Input(_) | Self::Reported => 1,
            Self::Usage(_) => 2,
        }
    }

    /// The message for standard error, if the failure has not been reported already.
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Input(message) | Self::Usage(message) => Some(message),
            Self::Reported | Self::ClosedOutput => None,
        }
    }
}

/// Reports the outcome of a command on standard error and turns it into the exit code.
pub fn exit(outcome: Result<(), CliError>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(message) = error.message() {
                eprintln!("error: {message}");
            }
            ExitCode::from(error.exit_code())
        }
    }
}

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> Self {
        Self::io("cannot write output", &error)
    }
}

impl From<LoadError> for CliError {
    fn from(error: LoadError) -> Self {
        Self::input(error.to_string())
    }
}

impl From<StoreError> for CliError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unsupported => Self::usage(error.to_string()),
            _ => Self::input(error.to_string()),
        }
    }
}

impl From<RenderError> for CliError {
    fn from(error: RenderError) -> Self {
        match error {
            RenderError::Unsupported { .. } => Self::usage(error.to_string()),
            RenderError::Io(ref io_error) if io_error.kind() == io::ErrorKind::BrokenPipe => {
                Self::ClosedOutput
            }
            RenderError::Io(_) | RenderError::Query(_) => Self::input(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_decided_by_the_kind_of_failure() {
        assert_eq!(CliError::input("bad query").exit_code(), 1);
        assert_eq!(CliError::Reported.exit_code(), 1);
        assert_eq!(CliError::usage("no query").exit_code(), 2);
        assert_eq!(CliError::ClosedOutput.exit_code(), 0);
        assert_eq!(CliError::Reported.message(), None);
    }

    #[test]
    fn a_closed_pipe_is_recognised_by_its_kind_not_its_text() {
        let closed = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(matches!(CliError::from(closed), CliError::ClosedOutput));
        let closed = RenderError::Io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(matches!(CliError::from(closed), CliError::ClosedOutput));
        // A message that merely mentions a broken pipe is still an error.
        let other = io::Error::other("Broken pipe upstream");
        assert_eq!(CliError::from(other).exit_code(), 1);
    }
}
