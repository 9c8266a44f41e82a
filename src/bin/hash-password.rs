//! Prints the argon2 hash of a password, for `password_hash` in the
//! accounts file: `cargo run --bin hash-password -- 'the password'`.

fn main() {
    let Some(password) = std::env::args().nth(1) else {
        eprintln!("usage: hash-password <password>");
        std::process::exit(2);
    };
    println!("{}", session_shop::auth::hash_password(&password));
}
