# The walkthrough (/learn) and the tamper lab (/session/tamper).
#
# Two words to keep apart: the session (what the cookie holds, from the first
# visit on) and signing in (telling the shop who you are).

learn_title = Learn sessions
learn_heading = How this shop keeps your session
learn_intro = Ten short steps, each with something to try on your own session. Keep the <a href="/session" data-testid="learn-inspector-link">inspector</a> open in another tab: before and after each step it shows what your session holds. Every “try it” says what it answers.
learn_words = Two words to keep apart: the <strong>session</strong> is what the shop remembers about your browser (a cart, a language, a message), from your first visit on; <strong>signing in</strong> is telling it who you are. You have a session before you sign in and after you sign out.
learn_answers = answers
learn_step1_title = 1. Set, check and remove a value
learn_step1_text = The article this shop grew from stores <code>username = "user"</code> in the session, reads it back and removes it. Flask writes <code>session['username'] = 'user'</code>; here the session is one typed struct, and the handler calls <code>session.set_demo_value("user")</code>. Try the four links in order:
learn_step1_note = “Logged in” is the article's wording: the value is only a demo, not a sign-in.
learn_step2_title = 2. A plain cookie against a private one
learn_step2_text = The same three routes again, with a plain cookie <code>plain_username</code> instead of the session:
learn_step2_note = Before <em>pop</em>, open your browser's storage (developer tools, then Application or Storage, then Cookies): <code>plain_username</code> reads <code>user</code>; change it to <code>admin</code> and the shop believes it. Next to it, <code>session</code> is a long string that nobody can read or change without the shop's secret key: it is encrypted and authenticated (AES-256-GCM), a Rocket <em>private cookie</em>. Flask's default session is only <em>signed</em>: nobody can change it, but anyone can decode and read it.
learn_step3_title = 3. Tampering
learn_step3_text = Each button builds a cookie from your session, changes it one way, and opens it with the very code that opens every request's cookie. The page says what the server concluded and why. Your own cookie is not touched.
learn_step3_note = Each one answers a page that says “Rejected”: a cookie that cannot be trusted is simply no session, never an error.
learn_step4_title = 4. Expiry
# $idle, $lifetime: spans of time such as "30 min", "8 h".
learn_step4_text = A session ends after { $idle } without a request (the idle limit) or { $lifetime } after it began (the absolute limit), whichever comes first. The browser is given a <code>Max-Age</code>, but that is only a hint: the times are inside the encrypted value, and the server checks them itself.
learn_step4_try = The inspector
learn_step4_try_note = shows when your session ends and which limit ends it.
learn_step4_note = To watch it happen, start the shop with short limits: <code>ROCKET_SESSION_IDLE_TIMEOUT=20 ROCKET_SESSION_MAX_LIFETIME=60 cargo run</code>.
learn_step5_title = 5. Signing in, and session fixation
learn_step5_text = Note your session id in the <a href="/session" data-try data-expect-status="200">inspector</a>, then sign in as Alice (the demo password is <code>rocket-demo</code>):
learn_username = Username
learn_password = Password
learn_log_in = Sign in and open the inspector
learn_step5_note = It answers a redirect to the inspector: your cart and values are kept, but the session id and the form token are new. Someone who planted a session id on you before you signed in (session fixation) now holds a worthless one. Signing out ends the whole session:
learn_log_out = Sign out
learn_step6_title = 6. Forms and CSRF
learn_step6_text = Your browser sends the session cookie with every request to the shop, also with a form that another site makes it post. So every form here carries a hidden <code>csrf_token</code>, a random value kept in your session that other sites cannot read; a post without it, or from another site, is refused with 403 and changes nothing. Flask-WTF does the same with <code>form.hidden_tag()</code>.
learn_csrf_forged = Add with a forged token
learn_csrf_forged_note = answers 403;
learn_csrf_real = Add with your token
# $product: a product's name.
learn_csrf_real_note = adds one { $product } and takes you to the inspector.
learn_step7_title = 7. The cart and the 4096-byte budget
learn_step7_text = Browsers keep cookies of at most 4096 bytes, and the whole session must fit. So the cart keeps only product ids and quantities (names and prices come from the catalog), a line holds 1 to 99, a cart at most 50 lines, and the shipping fields have maximum lengths: the largest possible session is known, and a test proves it fits.
learn_quantity = Quantity
learn_add = Add and see the size
learn_step7_note = The inspector counts the cookie's bytes exactly as the browser stores them, percent-encoding included.
learn_step8_title = 8. Secret keys and rotation
learn_step8_text = Everything rests on <code>secret_key</code> (Flask's <code>SECRET_KEY</code>). <code>cargo run</code> uses a published development key from <code>Rocket.toml</code>; a release build refuses to start without <code>ROCKET_SECRET_KEY</code>. Every server sharing the key serves the same sessions. Change it, and every session opens as none, unless the old key stays in <code>secret_key_fallbacks</code> for a while: sessions sealed with it still open, and are sealed again with the new key.
learn_step8_note = Step 3's “Seal with another key” shows what a server with another key concludes.
learn_step9_title = 9. What the server must remember
learn_step9_text = A cookie carries everything, so a copy of it is as good as the original. When a session ends (signing out, a reset, signing in as someone else), the shop writes its id down until it would have expired anyway, and checks every request against that list. Reset your session:
learn_reset = Reset my session
learn_step9_note = It takes you to the inspector with a new, empty session; a copy of the old cookie now opens as none (step 3's “Replay after it ended”).
learn_step10_title = 10. From here: adding a field to the session
# $version: the current format version, a number.
learn_step10_text = Say the shop should remember a wish list. Add the field to <code>SessionData</code> (<code>src/session/data.rs</code>) with a bound on its size; add an intent method to <code>Session</code> (<code>src/session/mod.rs</code>) that changes it, so the response hook seals it; and bump <code>FORMAT_VERSION</code> in <code>src/session/cookie.rs</code> (now { $version }). Cookies written before then read as another version, which is no session (step 3's “Write the old format”), instead of being misread. Then extend the largest-session test so the 4096 bytes still hold.
learn_docs = The same walkthrough for reading, with a Flask ↔ Rocket table and curl commands, is in <code>docs/TUTORIAL.md</code> (in Spanish, <code>docs/TUTORIAL.es.md</code>).

tamper_flip = Change one byte
tamper_other_key = Seal with another key
tamper_expired = Let it expire
tamper_old_format = Write the old format
tamper_revoked = Replay after it ended
tamper_title = Tamper lab
# $kind: what was sent as the kind.
tamper_unknown = “{ $kind }” is not something the lab can do to a cookie. Choose one of the buttons below.
tamper_intro = The lab built a cookie from your session, changed it as asked, and opened it with the same code that opens the cookie of every request. Your own cookie was not touched.
tamper_built = The cookie built
# $index: a byte's position; $before, $after: its value, in hex.
tamper_what_flip = Your session, sealed with the shop's key; then byte { $index } of the sealed bytes changed from { $before } to { $after } (one bit).
tamper_what_other_key = Your session, sealed with a key generated a moment ago that this shop has never had: what another site, or a server with a new key, would send.
# $created, $seen, $ended: times.
tamper_what_expired = Your session with its times moved back: created { $created }, last activity { $seen }. Its time ran out at { $ended }. Then sealed with the shop's own key.
# $written, $read: format version numbers.
tamper_what_old_format = Your session written in format version { $written } (this shop reads version { $read }), sealed with the shop's own key: a cookie from before an upgrade.
tamper_what_revoked = A true copy of your session, sealed with the shop's own key, opened against a scratch list of ended sessions where its id is written down: as if you had kept a copy, then signed out or reset.
# $size: a size in bytes.
tamper_size = { $size } bytes, as a browser would store it.
tamper_concluded = What the server concluded
# $id: a session id.
tamper_accepted = Accepted: it opened as your session ({ $id }).
tamper_rejected = Rejected: no session.
tamper_reason_unsealed = It does not decrypt with the shop's key.
tamper_reason_other_version = It decrypts, but was written in another format version.
tamper_reason_garbled = It decrypts, but is not a session.
# $idle: a span of time.
tamper_reason_idle = It decrypts, but the idle limit has passed ({ $idle } without a request).
# $lifetime: a span of time.
tamper_reason_absolute = It decrypts, but the absolute limit has passed ({ $lifetime } after the session began).
tamper_reason_revoked = It decrypts and has not expired, but its session was ended and the server remembers it.
tamper_why_unsealed = The sealed value is AES-256-GCM: encrypted and authenticated together. A change to a single bit, or any key other than the shop's, makes the check fail, and the shop cannot even read what was inside. It does not guess: a request with this cookie starts a new, empty session, and the browser is told to forget the cookie.
tamper_why_other_version = The first byte inside says how the session was written. When the session's shape changes, the shop bumps that number, so an old cookie reads as nothing rather than being misread. A request with it starts a new session.
tamper_why_expired = The times are inside the encrypted value, where nobody but the server can change them. The browser may keep a cookie as long as it likes; the server checks the idle and absolute limits itself on every request. A request with it starts a new session.
tamper_why_revoked = A cookie carries everything, so a copy is as good as the original until the server says no more. When you sign out or reset, the shop writes the session's id down until the session would have ended anyway, and checks every cookie against that list.
tamper_why_accepted = Nothing in the cookie tells a copy from the original.
tamper_real = Your real session
# $id: the session id.
tamper_real_unchanged = Unchanged: still <code>{ $id }</code>. <a href="/session" data-testid="tamper-inspector-link">Open the inspector</a> to see it.
tamper_curl = Send the built cookie yourself and see the answer:
tamper_another = Try another
tamper_back = Back to the walkthrough
learn_try = Try it
