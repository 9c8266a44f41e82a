# Error pages: a title and an explanation per status.

back_to_shop = Back to the shop
error_400_title = Bad request
error_400 = That request could not be read. Go back and try again.
error_403_title = Request refused
error_403 = This form has expired or was sent from another site. Go back, reload the page and try again.
error_404_title = Page not found
error_404 = We could not find that page. Check the address, or head back to the shop.
error_405_title = Method not allowed
error_405 = This address only accepts form submissions. Use the buttons on the page instead.
error_413_title = Form too large
error_413 = That form was too large to send. Shorten what you typed and try again.
error_415_title = Unsupported form
error_415 = This form was sent in a way the shop cannot read. Send it from the shop’s own page.
error_422_title = Form not understood
error_422 = Some of what you sent could not be read. Go back, check the form and try again.
error_500_title = Something went wrong
error_500 = Something went wrong on our side. Please try again in a moment.
error_other_title = Request not completed
error_other = We could not complete that request. Go back and try again.
error_429_title = Too many attempts
error_429 = Too many attempts. Wait a few minutes, then try again.
error_503_busy = Logging in is busy right now. Wait a second, then try again.
error_503_database = Orders cannot be placed or opened right now. Browsing and the cart still work; try again in a moment.
error_503_ledger = This part of the shop is unavailable right now. Browsing and the cart still work; try again in a moment.
