//! Writing results to standard output without panicking: a closed pipe (`gyokaku check | head
//! -1`) ends the output quietly, any other write error (a full disk) is a [`CmdError`].

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cmd::CmdError;

/// Set once the reader of standard output has gone: later output is dropped.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes formatted text to standard output and flushes it. A closed pipe is not an error
/// (the rest of the output is dropped); any other failure is.
pub fn write(args: std::fmt::Arguments) -> Result<(), CmdError> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let result = out.write_fmt(args).and_then(|()| out.flush());
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(CmdError::Stdout(std::io::Error::new(
            e.kind(),
            crate::text::io_reason(&e),
        ))),
    }
}

/// `print!` to standard output returning a `Result<(), CmdError>` (see [`write`]).
#[macro_export]
macro_rules! out {
    ($($t:tt)*) => {
        $crate::cli::stdout::write(format_args!($($t)*))
    };
}

/// `println!` to standard output returning a `Result<(), CmdError>` (see [`write`]).
#[macro_export]
macro_rules! outln {
    () => {
        $crate::cli::stdout::write(format_args!("\n"))
    };
    ($($t:tt)*) => {
        $crate::cli::stdout::write(format_args!("{}\n", format_args!($($t)*)))
    };
}
