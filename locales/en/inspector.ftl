# The session inspector: the cookie, what this response sends, each field.

inspector_learn = New here? <a href="/learn" data-testid="inspector-learn-link">Follow the walkthrough</a>.
inspector_ends_in = Ends in
# $idle: the idle timeout, e.g. "30 min"; $end: when the absolute limit falls.
inspector_limit_idle = by the idle limit: { $idle } without a request. Any request before then moves the end later, up to the absolute limit ({ $end }).
# $lifetime: the absolute lifetime, e.g. "8 h".
inspector_limit_absolute = by the absolute limit: { $lifetime } after the session began, however active you are.
inspector_now = Now
inspector_cookie_title = The cookie your browser holds
inspector_cookie_raw = Exactly as your browser stores it and sends it back, the name and <code>=</code> included:
inspector_cookie_none = Your browser sent no session cookie yet: this page starts your session.
inspector_cookie_rejected_new = Your browser sent a cookie that opened as no session, so this page starts a new one.
inspector_cookie_rejected = That cookie could not be opened (changed, sealed with another key, another format, expired or ended), so it counts as no session.
inspector_size_how = Counted from the bytes sent in <code>Set-Cookie</code>: <code>session=</code> and the value, percent-encoding (<code>%2F</code>, <code>%3D</code>) included. Browsers keep at most 4096.
inspector_attributes = Its attributes, from the <code>Set-Cookie</code> that delivered it (the browser never sends them back):
inspector_httponly = yes: the page's scripts cannot read it.
inspector_samesite = sent when you follow a link here from another site, but not with forms or requests that other sites start.
inspector_path = sent with every page of the shop.
inspector_secure_yes = yes: sent over HTTPS only.
inspector_secure_no = no: this shop is served over plain HTTP (set <code>secure_cookies</code> when it is behind TLS).
inspector_max_age = a hint to the browser, in seconds; the server checks the real end itself.
inspector_response_title = What this response sends
# $size: the new cookie's size in bytes; $age: its Max-Age in seconds.
inspector_sends_seal = A new <code>Set-Cookie: session=…</code> ({ $size } bytes, <code>Max-Age={ $age }</code>), because:
inspector_sends_forget = A <code>Set-Cookie</code> that tells your browser to forget its cookie.
inspector_sends_keep = No <code>Set-Cookie</code>: nothing changed, so your browser keeps the cookie above.
inspector_reason_changed = this request changed the session.
inspector_reason_flash = this page shows the message that arrived, so it is retired (<code>flash</code> becomes <code>null</code>).
inspector_reason_new = this page shows a session your browser does not hold yet, and its forms need the token.
inspector_reason_old_key = your cookie opened with an older key; it is sealed again with the current one.
inspector_reason_dropped = cart lines whose products left the catalog were dropped.
inspector_reason_idle = the idle timer is due a refresh (at most once a minute), so <code>last_seen</code> moves to now.
inspector_fields_intro = Each field as it arrived in your cookie and as this response leaves it; <mark>marked</mark> values change.
inspector_field = Field
inspector_arrived = As it arrived
inspector_outgoing = As this response sends it
inspector_meaning = What it is
inspector_json = The whole session as JSON
inspector_learn_button = Learn how it works
inspector_tamper_button = Try tampering with it
inspector_field_id = A random id, new when you sign in; ended sessions are remembered by it.
inspector_field_created_at = When the session began; the absolute limit counts from here.
inspector_field_last_seen = Last activity; the idle limit counts from here.
inspector_field_csrf_token = The token every form sends back, so other sites cannot post in your name.
inspector_field_user = The account you signed in with, if you did.
inspector_field_cart = Product ids and quantities only; names and prices come from the catalog.
inspector_field_username = The article's demo value, set by <a href="/test/session/set">/test/session/set</a>. It is not a sign-in.
inspector_field_lang = The language you chose, if any.
inspector_field_checkout = The checkout under way: its key and your shipping details.
inspector_field_last_order = Your last order, for its confirmation page.
inspector_field_flash = A one-time message for the next page.
inspector_field_flash_count = The number of the last message; each new one takes the next. A new session starts from a random number, so a tester never sees an old number again.
