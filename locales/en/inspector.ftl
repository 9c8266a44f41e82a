# The session inspector: the cookie, what this response sends, each field.

inspector_learn = New here? <a href="/learn" data-testid="inspector-learn-link">Follow the walkthrough</a>.
inspector_ends_in = Ends in
# $limit: idle or absolute; $idle: the idle limit, e.g. "30 min"; $end: when
# the absolute limit falls; $lifetime: the absolute limit, e.g. "8 h".
inspector_limit = { $limit ->
    [idle] by the idle limit: { $idle } without a request. Any request before then moves the end later, up to the absolute limit ({ $end }).
   *[absolute] by the absolute limit: { $lifetime } after the session began, however active you are.
}
inspector_now = Now
inspector_id_is_not_the_key = The id only names the session: the server remembers ended sessions by it. What proves a session is yours is the whole cookie, so it is the cookie that must stay secret.
inspector_cookie_title = The cookie your browser holds
# $reason: what the server concluded on opening a cookie; $idle, $lifetime: spans of time.
inspector_verdict = { $reason ->
    [accepted] { tamper_accepted_word }: it opens as a session.
    [new] No session cookie came with this request: either there was none yet, or the shop had told the browser to forget one it could not open. This page starts a new session.
    [unsealed] { tamper_rejected_word }, no session: it does not decrypt with this shop's key. It was changed after it was sealed, or sealed with another key; the server cannot tell which.
    [other_version] { tamper_rejected_word }, no session: it decrypts, but was written in another format version, by an older or newer shop.
    [garbled] { tamper_rejected_word }, no session: it decrypts, but what it holds is not a session.
    [idle] { tamper_rejected_word }, no session: it decrypts, but its idle limit has passed ({ $idle } without a request).
    [absolute] { tamper_rejected_word }, no session: it decrypts, but its absolute limit has passed ({ $lifetime } after the session began).
    [revoked] { tamper_rejected_word }, no session: it decrypts and is within its limits, but its session was ended (a logout, a reset, or any login, which renews the id) and the server remembers its id.
   *[too_large] { tamper_rejected_word }, no session: its name, the = sign and its value take more than 4096 bytes, more than a browser keeps, so it was not even opened.
}
inspector_cookie_raw = Exactly as your browser stores it and sends it back, the name and <code>=</code> included:
# $total: how many bytes the sealed value holds.
inspector_sealed_title = What the value is made of ({ $total } bytes)
inspector_size_how = Counted from the bytes sent in <code>Set-Cookie</code>: <code>session=</code> and the value, percent-encoding included (each <code>/</code> and <code>=</code> of the base64 is sent as <code>%2F</code> or <code>%3D</code>; <code>+</code> is sent as it is). Browsers keep a cookie whose name and value take at most 4096 bytes; counting the <code>=</code> too, as here, is one byte stricter.
inspector_attributes = Its attributes, from the <code>Set-Cookie</code> that set it (the browser never sends them back):
inspector_httponly = yes: the page's scripts cannot read it. This page shows it only because the server prints it here; a real site never echoes its session cookie into a page.
inspector_samesite = the browser sends it with requests from pages of the same site (the same scheme and registrable domain: another port or subdomain of this one is the same site, so its forms get the cookie too), and when you follow a link here from another site (a top-level GET, a GET form included); not with a POST form another site submits, nor with images, frames or scripts another site loads from here.
inspector_path = sent with every page of the shop.
# $secure: true or false.
inspector_secure = { $secure ->
    [true] yes: sent over HTTPS only.
   *[false] no: this shop is served over plain HTTP (set <code>secure_cookies</code> when it is behind TLS).
}
inspector_max_age = how many seconds the browser keeps it; then the browser deletes it. With a <code>Max-Age</code> it is what MDN calls a persistent cookie: it outlives a browser restart. A copy kept elsewhere can still be sent later, so the server checks the times inside the value itself.
inspector_form_change_title = What your last form changed
# $request: the method and path, e.g. "POST /cart/add".
inspector_form_change_intro = Your last request, <code>{ $request }</code>, changed the session and answered with a redirect to this page, so by now its change is in both columns of the table further down. Here it is, field by field:
inspector_before_form = Before it
inspector_after_form = After it
inspector_response_title = What this response sends
# $sends: seal, forget or keep; $size: the new cookie's size in bytes; $age: its Max-Age in seconds.
inspector_sends = { $sends ->
    [seal] A new <code>Set-Cookie: session=…</code> ({ $size } bytes, <code>Max-Age={ $age }</code>), because:
    [forget] A <code>Set-Cookie</code> that tells your browser to forget the cookie it sent, which opened as no session.
   *[keep] No <code>Set-Cookie</code>: nothing changed, so your browser keeps the cookie above.
}
# $reason: why this response seals; $refresh: how often a session in use is
# re-sealed, e.g. "1 min"; $idle: the idle limit.
inspector_reason = { $reason ->
    [changed] this request changed the session.
    [flash_shown] this page shows the message that arrived, so it is retired (<code>flash</code> becomes <code>null</code>).
    [new_session] this page shows a session your browser does not hold yet, and its forms need the token.
    [old_key] your cookie opened with an older key; it is sealed again with the current one.
    [dropped_lines] cart lines whose products left the catalog were dropped.
   *[idle_refresh] the idle timer is due a refresh, so <code>last_seen</code> moves to now. A session in use is sealed again for this on its first request once { $refresh } have passed since <code>last_seen</code>: a tenth of the idle limit ({ $idle }), or one minute if that is shorter.
}
inspector_fields_intro = Each field as it arrived in your cookie and as this response leaves it; <mark>marked</mark> values change.
inspector_field = Field
inspector_arrived = As it arrived
inspector_outgoing = As this response sends it
inspector_meaning = What it is
inspector_json = The whole session as JSON
inspector_json_is_a_view = The cookie holds no JSON: inside the seal is the session in postcard's compact binary form, with times as Unix seconds. This JSON, with readable times, is only a view of it.
inspector_learn_button = Learn how it works
inspector_tamper_button = Try tampering with it
# $field: the name of a session field.
inspector_field_meaning = { $field ->
    [id] A random id, new when you log in; the server remembers ended sessions by it.
    [created_at] When the session began; the absolute limit counts from here.
    [last_seen] Last activity; the idle limit counts from here.
    [csrf_token] The token every form sends back, so other sites cannot post in your name.
    [user] The account you logged in with, if you did.
    [cart] Product ids and quantities only; names and prices come from the catalog.
    [username] The article's demo value, set by <a href="/test/session/set">/test/session/set</a>. It is not a login.
    [lang] The language you chose, if any. It stays when you log out or reset.
    [checkout] The checkout under way: its key and your shipping details.
    [last_order] Your last order, for its confirmation page.
    [flash] A one-time message for the next page.
    [flash_count] The number of the last message; each new one takes the next. A new session starts from a random number, so a tester never sees an old number again.
   *[adds] Adds to cart counted since you logged in, for the <code>flaky</code> account, whose rule numbers its adds to choose which fail; 0 for every other account.
}
# $total: how many bytes the sealed value holds.
sealed_intro = The value is base64 of { $total } bytes in three parts (hex below, separated by <code>|</code>):
# $part: nonce, ciphertext or tag; $bytes: its length.
sealed_part = { $part ->
    [nonce] <strong>nonce</strong>, { $bytes } bytes: random for every seal, so the same session never seals to the same value twice.
    [ciphertext] <strong>ciphertext</strong>, { $bytes } bytes: the session encrypted with AES-256-GCM. Decrypted, it is base64url text of one format-version byte and the session in postcard's binary form.
   *[tag] <strong>tag</strong>, { $bytes } bytes: it authenticates the ciphertext and the cookie's name. Change one bit of either and it no longer matches, so the cookie is refused unread.
}
