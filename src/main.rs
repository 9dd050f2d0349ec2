//! The `tinhso` binary: parse the command line and dispatch. Nothing else.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TINHSO_LOG")
                .unwrap_or_else(|_| "tinhso=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match tinhso::cli::run(tinhso::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
