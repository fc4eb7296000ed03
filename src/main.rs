fn main() -> std::process::ExitCode {
    gyokaku::cli::run()
}

// Many workbooks are read in parallel and their values kept while buffers come and go:
// mimalloc avoids the heap fragmentation glibc shows there (measured in the benchmark).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
