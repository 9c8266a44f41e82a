//! Serves Session Shop; see the README for its settings.

use std::process::ExitCode;

#[rocket::main]
async fn main() -> ExitCode {
    match session_shop::rocket().launch().await {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            // NOTE: the reason was already logged; this names the outcome.
            let outcome = error.pretty_print();
            eprintln!("Session Shop stopped: {outcome}");
            ExitCode::FAILURE
        }
    }
}
