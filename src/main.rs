fn main() -> std::process::ExitCode {
    gyokaku::cli::run()
}
