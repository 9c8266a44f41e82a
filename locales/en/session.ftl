# The session inspector.

session_title = Your session
session_intro = Everything the shop remembers about you is in one cookie named session, encrypted and authenticated with the server's secret key: without the key, nobody can read it or change it. This page opens it for you.
session_id = Session id
session_created = Created
session_last_seen = Last seen
session_expires = Expires
cookie_size = Cookie size
# $size: the cookie's size in bytes; $budget: the most a browser keeps.
cookie_bytes = { $size ->
    [one] <span data-testid="cookie-size">{ $size }</span> byte of { $budget }
   *[other] <span data-testid="cookie-size">{ $size }</span> bytes of { $budget }
}
decoded_contents = Decoded contents
reset_session = Reset session
reset_state = Reset app state (stay logged in)
flash_state_reset = Your cart and checkout were emptied. You are still logged in, in the same language.
flash_session_reset = Your session was reset: you now have a new, empty session.
