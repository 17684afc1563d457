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
    let cli = cli::Cli::parse();
    if !cli.command.runs_until_stopped() {
        keep_freed_memory();
    }
    cli::run(cli)
}

/// mimalloc hands memory that is freed back to the system, a system call per
/// range (10 ms after the free, by default). A command that runs once and
/// exits gains nothing by it and paid about 5 ms of a 120 ms build for it,
/// most while freeing the laid-out document on the way out (README,
/// "Performance"). `watch`, `serve`, its render worker and the language
/// server run for hours and keep handing memory back.
fn keep_freed_memory() {
    // mimalloc.h's `mi_option_purge_delay` (15 in its enum, which the Rust
    // binding leaves unnamed): -1 never purges.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain store mimalloc documents as safe at
    // any time; nothing has been allocated that depends on it.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}
