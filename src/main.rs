//! The `promocase` binary: parse the command line, run it, exit with its code.

mod cli;

use clap::Parser;

// Typesetting allocates and frees millions of small objects; mimalloc does
// that faster than the system allocator (README, "Performance"). Transparent
// huge pages are off (the `no_thp` feature): they made a build about 6% faster
// but doubled its peak memory, to the edge of the 100 MB budget.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
