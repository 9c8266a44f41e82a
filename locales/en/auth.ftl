# Logging in and out.

login_title = Log in
username = Username
password = Password
demo_accounts = Demo accounts
# $password: the demo accounts' password.
demo_intro = This is a demo store: every account's password is <code>{ $password }</code>.
demo_what = What it does
# $username: the demo account a row of the table describes.
demo_account = { $username ->
    [alice] A normal shopper.
    [bob] Another normal shopper.
    [locked] Refused with “This account is locked.”
    [slow] Every page and form takes 2 seconds, for practising waits.
    [glitch] Only logging in is slow (2 seconds); everything else is quick.
    [problem] Deliberately broken, for testers: every product shows the same picture, price sorts are ignored, and the product page's Add to cart always adds 1.
    [error] Deliberately failing, for testers: removing a cart line fails, and placing the order fails the first time.
    [visual] Deliberately different looks, for visual testing: other colours, sizes and positions, two pictures swapped; it behaves normally.
    [script] Deliberately faulty scripts, for testers: an alert on Remove, a console error on the product page, a dead Empty cart button, a name field that drops characters, a grid link to the wrong product. Without JavaScript it behaves normally.
    [flaky] Deliberately unreliable, for testers: one Add to cart in three fails, by a rule seeded at login.
   *[other] A demo account.
}

login_invalid = Invalid username or password.
login_locked = This account is locked.
login_missing = Enter both your username and your password.
login_username_too_long = Usernames have at most 64 characters. Check what you typed.
# $name: the account's display name.
flash_logged_in = Welcome, { $name }! You are logged in.
flash_logged_out = You have been logged out: your session has ended, cart included, and a new, empty one has started in the same language.
# $minutes: whole minutes until logging in is allowed again.
login_throttled = { $minutes ->
    [one] Too many failed logins for this account from your address. Try again in 1 minute.
   *[other] Too many failed logins for this account from your address. Try again in { $minutes } minutes.
}
