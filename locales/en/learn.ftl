# The walkthrough (/learn) and the tamper lab (/session/tamper).
#
# Two words to keep apart: the session (what the shop remembers, from the
# first visit on) and logging in (telling the shop who you are). The verbs are
# the buttons': log in, log out.

learn_title = How sessions work
learn_heading = How this shop keeps your session
learn_intro = Eleven short steps, from the very beginning, each with something to try on your own session. Keep the <a href="/session" data-testid="learn-inspector-link">inspector</a> open in another tab: it shows what your session holds and, after a form, what that form changed. Each “Try it” says which answer to expect.
learn_words = Two ideas to keep apart: the <strong>session</strong> is what the shop remembers about your browser (a cart, a language, a message), from your first visit on; <strong>logging in</strong> is telling it who you are. You have a session before you log in and after you log out.
learn_answers = answers
learn_try = Try it

learn_step0_title = 0. First: what a cookie is
learn_step0_text = HTTP forgets you between requests: each one arrives on its own. To remember you, a server adds a header to its response, <code>Set-Cookie: name=value</code>. Your browser keeps that pair and sends it back with every later request to the same site, as <code>Cookie: name=value</code>. A session is built on that round trip alone.
learn_step0_kinds = There are two ways to build it. <strong>Client-side</strong>: the cookie carries the data itself (this shop, and Flask by default), so it must be protected from being read or changed, and it must fit in 4096 bytes. <strong>Server-side</strong>: the cookie carries only a random id and the data stays on the server (Flask-Session, Django's default), so the server must store it, and share the store among its instances. Step 2 shows both.
learn_step0_mdn = A trap in the words: MDN calls a cookie with no <code>Expires</code> or <code>Max-Age</code> a “session cookie”, because the browser drops it when it closes. This shop's cookie named <code>session</code> has a <code>Max-Age</code>, so in MDN's terms it is a persistent cookie: it outlives a browser restart until its time is up.
learn_step0_try = The inspector
learn_step0_try_note = shows the cookie your browser sent with that very request, and the <code>Set-Cookie</code> the response sends back.

learn_step1_title = 1. Set, check and remove a value
learn_step1_text = The article this shop grew from stores <code>username = "user"</code> in the session, reads it back and removes it. Flask writes <code>session['username'] = 'user'</code>; here the session is one typed struct, and the handler calls <code>session.set_demo_value("user")</code>. Try the four links in order:
learn_step1_note = “Logged in” is the article's wording: the value is only a demo, not a login.

learn_step2_title = 2. Four ways to keep the same value
learn_step2_text = The same three routes, four times over, each keeping <code>user</code> in a different way. Each answers exactly like the article's routes.
learn_way = Way
learn_way_cookie = The cookie as sent
learn_way_reader = What a reader of the cookie learns
learn_way_changed = What a changed cookie gets
learn_way_logout = Can the server end it?
learn_way_scale = Several servers
learn_way_anchor = Who keeps sessions this way
# $way: plain, signed, private or server.
learn_way_name = { $way ->
    [plain] Plain cookie
    [signed] Signed cookie
    [private] Private (encrypted) cookie
   *[server] Server-side session
}
learn_way_cookie_text = { $way ->
    [plain] <code>plain_username=user</code>
    [signed] <code>signed_username=</code>, an HMAC-SHA256 of the value alone (not of the name) in 44 characters of base64, percent-encoded as sent (its final <code>=</code> travels as <code>%3D</code>), then <code>user</code>
    [private] <code>session=</code>base64 of nonce, ciphertext and tag
   *[server] <code>server_session=</code>a random id
}
learn_way_reader_text = { $way ->
    [plain] the value
    [signed] the value: it follows the signature, in the clear
    [private] nothing but its length
   *[server] nothing but an id
}
learn_way_changed_text = { $way ->
    [plain] believed as it is: with <code>admin</code>, the check answers “Logged in as admin”
    [signed] refused: the signature no longer matches
    [private] refused: it no longer decrypts
   *[server] another id matches no session, and 122 random bits cannot be guessed
}
learn_way_logout_text = { $way ->
    [plain] no: it can ask the browser to delete it, but a copy still works
    [signed] no: this cookie carries no time, so a copy stays valid for as long as the key is unchanged (Flask's own signed cookie carries a timestamp, checked against <code>PERMANENT_SESSION_LIFETIME</code>)
    [private] only if the server remembers ended sessions (this shop does: step 9)
   *[server] yes: it deletes the value, and every copy of the id is worthless
}
learn_way_scale_text = { $way ->
    [plain] any server reads it
    [signed] any server with the key
    [private] any server with the key; ending sessions needs a shared store (Redis)
   *[server] every server needs the shared store (here: memory for one, Redis for several)
}
learn_way_anchor_text = { $way ->
    [plain] a bare <code>set_cookie</code> in Flask, <code>jar.add</code> in Rocket
    [signed] Flask's default <code>session</code>, in its own format (itsdangerous: JSON, a timestamp, HMAC-SHA1)
    [private] Rocket's <code>add_private</code>, and this shop
   *[server] Flask-Session, Django's default
}
learn_step2_note = Before you <em>pop</em>, open your browser's storage (developer tools, then Application or Storage, then Cookies). <code>plain_username</code> reads <code>user</code>: change it to <code>admin</code>, and the shop believes it. <code>signed_username</code> ends in <code>user</code> too, but change it and the check answers “You are not logged in”. <code>session</code> is a long string that nobody can read or change without the shop's key. <code>server_session</code> is only an id.
learn_step2_code = Flask's default session is the signed way; Rocket's private cookies, whose seal this shop uses, the encrypted one. The article's three routes written with Rocket's own private-cookie API are in <code>examples/article.rs</code>.

learn_step3_title = 3. Tampering
learn_step3_text = Each button builds a cookie from your session, changes it in one particular way, and opens it with the same code that opens every request's cookie. The page says what the server concluded and why, and gives a <code>curl</code> command to send that cookie yourself. Your own cookie is not touched. The first button changes nothing: it is the control to compare the others with.
learn_step3_note = The control answers “Accepted”; every other one answers “Rejected”. A cookie that cannot be trusted is treated as no session, never as an error. Its language goes with it: the new session follows your browser's language until you choose one.

learn_step4_title = 4. Expiry
# $idle, $lifetime: spans of time such as "30 min", "8 h".
learn_step4_text = A session ends after { $idle } without a request (the idle limit) or { $lifetime } after it began (the absolute limit), whichever comes first. The cookie gets a <code>Max-Age</code>, and the browser deletes it when that runs out; but a copy kept elsewhere can still be sent later. So the times are inside the encrypted value, and the server checks them itself.
learn_step4_try = The inspector
learn_step4_try_note = shows when your session ends and which limit ends it.
learn_step4_note = To see it in action, stop the shop (Ctrl+C) and start it with short limits: <code>ROCKET_SESSION_IDLE_TIMEOUT=10 ROCKET_SESSION_MAX_LIFETIME=60 cargo run</code>.

learn_step5_title = 5. Logging in and session fixation
learn_step5_text = Note your session id in the <a href="/session" data-try data-expect-status="200">inspector</a>, then log in as Alice (the demo password is <code>rocket-demo</code>):
learn_username = Username
learn_password = Password
learn_log_in = Log in and open the inspector
learn_step5_note = It answers a redirect to the inspector: your cart and the demo value are kept, but the session id and the form token are new, and only the new cookie says you are Alice. Every login revokes the id the session had before, so a cookie someone planted on you before you logged in (session fixation) now opens as no session: the inspector calls it revoked. Here the classic attack, where the id the attacker knows becomes logged in, cannot happen: the login is written only into the new cookie, which the attacker never sees. Logging out (“Log out”) ends the whole session and starts a new, empty one; only your language is kept:
learn_log_out = Log out

learn_step6_title = 6. Forms and CSRF
learn_step6_text = Another site can make your browser send a form to the shop. Whether your session cookie goes with it is up to the cookie's <code>SameSite</code> attribute. This shop's <code>SameSite=Lax</code> keeps it off another site's POST forms and off what another site loads from here in the background, but not off a link or a GET form that brings you here, which is why no GET here changes anything. But a cookie with <code>SameSite=None</code> goes along anyway, one with no <code>SameSite</code> too in a browser that does not default to <code>Lax</code>, any cookie in an older browser, and even a <code>Lax</code> one from a page of the same site: a site is the scheme and the registrable domain, so another port or subdomain of this one is the same site (for <code>127.0.0.1</code>, every port). So every form here also carries a hidden <code>csrf_token</code>, a random value kept in your session that other sites cannot read; a post without it, or with an <code>Origin</code> from another site, is refused with 403 and changes nothing. Flask-WTF's <code>form.hidden_tag()</code> plays the same part with a signed, time-limited token.
learn_csrf_forged = Add with a forged token
learn_csrf_forged_note = answers 403;
learn_csrf_real = Add with your token
# $product: a product's name.
learn_csrf_real_note = adds one { $product } and takes you to the inspector, which shows the cart line it added.

learn_step7_title = 7. The cart and the 4096-byte limit
learn_step7_text = Browsers keep a cookie only if its name and value together take at most 4096 bytes, and the whole session must fit. So the cart keeps only product ids and quantities (names and prices come from the catalog), a line holds 1 to 99, a cart at most 50 lines, and the shipping fields have maximum lengths: the largest possible session is known, and a test proves it fits. (Flask does not stop you: Werkzeug only warns when a whole <code>Set-Cookie</code> value, attributes included, passes 4093 bytes, its own threshold, and sends the cookie anyway; a browser silently drops a cookie whose name and value pass 4096.)
learn_quantity = Quantity
learn_add = Add and see the size
learn_step7_note = The inspector counts the cookie's bytes as <code>Set-Cookie</code> sends them: <code>session=</code> and the value, percent-encoding included. Counting the <code>=</code> too makes the shop's limit one byte stricter than the browser's.

learn_step8_title = 8. Secret keys and rotation
learn_step8_text = Everything rests on <code>secret_key</code> (Flask's <code>SECRET_KEY</code>). <code>cargo run</code> uses a published development key from <code>Rocket.toml</code>; a release build refuses to start without <code>ROCKET_SECRET_KEY</code>. Every server that shares the key opens the same sessions without sharing a session store; only the ended sessions of step 9 need a shared Redis. Change the key, and no existing session opens any more. To change it without logging everyone out, this shop has its own setting, <code>secret_key_fallbacks</code> (Rocket's private cookies know one key only; Flask 3.1 has <code>SECRET_KEY_FALLBACKS</code> for the same purpose): sessions sealed with an old key listed there still open, and are sealed again with the new one.
learn_step8_note = Step 3's “Seal with another key” shows what a server with another key concludes.

learn_step9_title = 9. What the server must remember
learn_step9_text = A cookie carries everything, so a copy of it is as good as the original. When a session ends (logging out, a reset, any login: logging in renews the id, and as someone else it also empties the session), the shop writes its id down until it would have expired anyway, and compares every request with that list. Reset your session:
learn_reset = Reset my session
learn_step9_note = It takes you to the inspector with a new, empty session (your language stays); a copy of the old cookie now opens no session (step 3's “Replay after it ended” does this with a copy, for real).

learn_step10_title = 10. From here: adding a field to the session
# $version: the current format version, a number.
learn_step10_text = Say the shop should remember a wish list. Add the field to <code>SessionData</code> (<code>src/session/data.rs</code>) with a bound on its size; add an intent method to <code>Session</code> (<code>src/session/guard.rs</code>) that changes it, so the response hook seals it; and bump <code>FORMAT_VERSION</code> in <code>src/session/cookie.rs</code> (now { $version }). Cookies written before then are recognised as another version and discarded (step 3's “Use the old format”), instead of being misread. The inspector shows every field the session serializes, so it shows the new one by itself; add its meaning to <code>inspector_field_meaning</code> in both <code>locales/*/inspector.ftl</code>, and a test names any field still without one. Then add it to the largest-session test, to check that the session still fits in 4096 bytes.
learn_docs = The same walkthrough for reading, with a Flask ↔ Rocket table and curl commands, is in <code>docs/TUTORIAL.md</code> (in Spanish, <code>docs/TUTORIAL.es.md</code>).

# $kind: unchanged, flip, other_key, expired, old_format or revoked.
tamper_button = { $kind ->
    [unchanged] Send an unchanged copy
    [flip] Change one byte
    [other_key] Seal with another key
    [expired] Let it expire
    [old_format] Use the old format
   *[revoked] Replay after it ended
}
tamper_accepted_word = Accepted
tamper_rejected_word = Rejected
tamper_title = Tamper lab
# $kind: what was sent as the kind.
tamper_unknown = “{ $kind }” is not something the lab can do to a cookie. Choose one of the buttons below.
tamper_intro = The lab built a cookie from your session, changed it as asked, and opened it with the same code that opens the cookie of every request. Your own cookie was not touched.
tamper_built = The cookie built
# $kind: what was done; $index: a byte's position; $before, $after: its value,
# in hex; $created, $seen, $ended: times; $written, $read: format versions;
# $copy: the copy's session id.
tamper_what = { $kind ->
    [unchanged] Your session, sealed with the shop's key, and nothing else: what your browser holds.
    [flip] Your session, sealed with the shop's key; then byte { $index } of the sealed bytes changed from { $before } to { $after } (one bit). It is marked below.
    [other_key] Your session, sealed with a key generated a moment ago that this shop has never had: what another app or a server with a new key would produce, or someone forging a cookie by hand.
    [expired] Your session with its timestamps moved back: created on { $created }, last active on { $seen }; it expired on { $ended }. Then sealed with the shop's own key.
    [old_format] Your session written in format version { $written } (this shop reads version { $read }), sealed with the shop's own key: a cookie from before an upgrade.
   *[revoked] A copy of your session under its own id, { $copy }, sealed with the shop's own key. The server has just revoked that id for real, as logging out does, until the copy would have ended. Your own session keeps its id.
}
# $size: a size in bytes.
tamper_size = { $size } bytes, as a browser would store it.
tamper_concluded = What the server concluded
# $reason: the verdict's code (see inspector_verdict).
tamper_why = { $reason ->
    [accepted] Nothing in a cookie tells a copy from the original: an unchanged copy opens as your session. This is the control for the other buttons.
    [unsealed] The value is sealed with AES-256-GCM: encrypted and authenticated together. A change to a single bit, or any key but the shop's, makes the check fail, and the shop cannot even read what was inside. It does not guess: a request with this cookie starts a new, empty session, and the browser is told to forget the cookie.
    [other_version] Inside the seal is base64url text, and the first byte it decodes to says how the session was written. When the session's shape changes, the shop bumps that number, so an old cookie is discarded rather than misread. A request with it starts a new session.
    [idle] The timestamps are inside the encrypted value, where nobody but the server can change them. The browser deletes the cookie when its Max-Age runs out, but a copy can be kept; so the server checks both limits itself on every request. A request with it starts a new session.
    [absolute] The timestamps are inside the encrypted value, where nobody but the server can change them. The browser deletes the cookie when its Max-Age runs out, but a copy can be kept; so the server checks both limits itself on every request. A request with it starts a new session.
    [revoked] A cookie carries everything, so a copy is as good as the original until the server says no more. When a session ends, the shop writes its id down until the session would have ended anyway, and compares every cookie with that list.
   *[other] A request with it starts a new session.
}
tamper_real = Your real session
# $id: the session id.
tamper_real_unchanged = Unchanged: still <code>{ $id }</code>. <a href="/session" data-testid="tamper-inspector-link">Open the inspector</a> to see it.
tamper_curl = Send the built cookie yourself: the inspector answers with its verdict (<code>accepted</code>, or the reason it was rejected).
tamper_another = Try another
tamper_back = Back to the walkthrough
